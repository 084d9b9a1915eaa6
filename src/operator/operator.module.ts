import { Module } from '@nestjs/common';

/** The operator module: the taxi operator for the api.taxi registry (spec/operator.md). */
@Module({})
export class OperatorModule {}
