import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from './app.persistence.js';
import { CommonModule } from './common/common.module.js';
import { configNamespaces, databaseConfig } from './config/configuration.js';
import { serializeSqliteTransactions } from './database/sqlite-transactions.js';
import { DatabaseModule } from './database/database.module.js';
import { DueWorkRunnerModule } from './database/due-work/due-work-runner.module.js';
import { DueWorkModule } from './database/due-work/due-work.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { MembersModule } from './members/members.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { EventsProcessorsModule } from './events/events-processors.module.js';
import { MobilityProcessorsModule } from './mobility/mobility-processors.module.js';
import { MobilityModule } from './mobility/mobility.module.js';
import { OperatorProcessorsModule } from './operator/operator-processors.module.js';
import { OperatorModule } from './operator/operator.module.js';
import { ParkingProcessorsModule } from './parking/parking-processors.module.js';
import { ParkingModule } from './parking/parking.module.js';
import { QueueModule } from './queue/queue.module.js';

export interface AppModuleOptions {
  /** Load the Bull processors in this process (RUN_PROCESSORS for the API, always for the worker). */
  processors: boolean;
}

/** Config, database, queues, shared machinery, and the five domain modules. */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configNamespaces }),
        TypeOrmModule.forRootAsync({
          inject: [databaseConfig.KEY],
          useFactory: (database: ConfigType<typeof databaseConfig>) => appDataSourceOptions(database),
          dataSourceFactory: async (options) => serializeSqliteTransactions(await new DataSource(options!).initialize()),
        }),
        DatabaseModule,
        DiscoveryModule,
        CommonModule,
        QueueModule,
        DueWorkModule,
        HealthModule,
        MetricsModule,
        EventsModule,
        MembersModule,
        OperatorModule,
        MobilityModule,
        ParkingModule,
        ...(options.processors
          ? [DueWorkRunnerModule, OperatorProcessorsModule, MobilityProcessorsModule, ParkingProcessorsModule, EventsProcessorsModule]
          : []),
      ],
    };
  }
}
