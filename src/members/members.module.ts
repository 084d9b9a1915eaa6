import { Module } from '@nestjs/common';

/** The members module: a community's members API (spec/members.md), the platform's identity. */
@Module({})
export class MembersModule {}
