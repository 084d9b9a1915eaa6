import { Module } from '@nestjs/common';

/** The mobility module: bike sharing and its GBFS feed (spec/mobility.md). */
@Module({})
export class MobilityModule {}
