import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminBasicGuard } from '../common/auth/guards.js';
import { UuidPipe } from '../common/http/id-pipes.js';
import { PricingPlanInputDto, PricingPlanView, toPricingPlanView } from './dto/pricing-plan.dto.js';
import { SystemAlertInputDto, SystemAlertView, toSystemAlertView } from './dto/system-alert.dto.js';
import { toVehicleTypeView, VehicleTypeInputDto, VehicleTypeView } from './dto/vehicle-type.dto.js';
import { GbfsCatalogService } from './gbfs-catalog.service.js';

/** The admin's catalog behind the GBFS files; every route is admin Basic. */
@ApiTags('mobility: GBFS catalog (admin)')
@ApiBasicAuth('admin-basic')
@ApiUnauthorizedResponse({ description: 'admin credentials required' })
@UseGuards(AdminBasicGuard)
@Controller('mobility/vehicle-types')
export class VehicleTypesController {
  constructor(private readonly catalog: GbfsCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Every vehicle type, oldest first' })
  @ApiOkResponse({ type: [VehicleTypeView] })
  async list(): Promise<VehicleTypeView[]> {
    return (await this.catalog.listVehicleTypes()).map(toVehicleTypeView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One vehicle type' })
  @ApiOkResponse({ type: VehicleTypeView })
  @ApiNotFoundResponse({ description: 'unknown vehicle type' })
  async findOne(@Param('id', UuidPipe) id: string): Promise<VehicleTypeView> {
    return toVehicleTypeView(await this.catalog.findVehicleType(id));
  }

  @Post()
  @ApiOperation({ summary: 'Add a vehicle type (max_range_meters required unless propulsion_type is human)' })
  @ApiCreatedResponse({ type: VehicleTypeView })
  @ApiBadRequestResponse({ description: 'invalid field, or a default_pricing_plan_id that names no plan' })
  async create(@Body() dto: VehicleTypeInputDto): Promise<VehicleTypeView> {
    return toVehicleTypeView(await this.catalog.createVehicleType(dto));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a vehicle type' })
  @ApiOkResponse({ type: VehicleTypeView })
  @ApiBadRequestResponse({ description: 'invalid field, or a default_pricing_plan_id that names no plan' })
  @ApiNotFoundResponse({ description: 'unknown vehicle type' })
  async replace(@Param('id', UuidPipe) id: string, @Body() dto: VehicleTypeInputDto): Promise<VehicleTypeView> {
    return toVehicleTypeView(await this.catalog.replaceVehicleType(id, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a vehicle type no bike has' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiNotFoundResponse({ description: 'unknown vehicle type' })
  @ApiConflictResponse({ description: 'bikes have this type' })
  async remove(@Param('id', UuidPipe) id: string): Promise<void> {
    await this.catalog.deleteVehicleType(id);
  }
}

@ApiTags('mobility: GBFS catalog (admin)')
@ApiBasicAuth('admin-basic')
@ApiUnauthorizedResponse({ description: 'admin credentials required' })
@UseGuards(AdminBasicGuard)
@Controller('mobility/pricing-plans')
export class PricingPlansController {
  constructor(private readonly catalog: GbfsCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Every pricing plan, oldest first' })
  @ApiOkResponse({ type: [PricingPlanView] })
  async list(): Promise<PricingPlanView[]> {
    return (await this.catalog.listPricingPlans()).map(toPricingPlanView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One pricing plan' })
  @ApiOkResponse({ type: PricingPlanView })
  @ApiNotFoundResponse({ description: 'unknown pricing plan' })
  async findOne(@Param('id', UuidPipe) id: string): Promise<PricingPlanView> {
    return toPricingPlanView(await this.catalog.findPricingPlan(id));
  }

  @Post()
  @ApiOperation({ summary: 'Add a GBFS 3.0 pricing plan (fixed price, per-minute and per-km segments)' })
  @ApiCreatedResponse({ type: PricingPlanView })
  @ApiBadRequestResponse({ description: 'invalid field, or a segment whose end is not after its start' })
  async create(@Body() dto: PricingPlanInputDto): Promise<PricingPlanView> {
    return toPricingPlanView(await this.catalog.createPricingPlan(dto));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a pricing plan (trips ending afterwards are priced with it)' })
  @ApiOkResponse({ type: PricingPlanView })
  @ApiBadRequestResponse({ description: 'invalid field, or a segment whose end is not after its start' })
  @ApiNotFoundResponse({ description: 'unknown pricing plan' })
  async replace(@Param('id', UuidPipe) id: string, @Body() dto: PricingPlanInputDto): Promise<PricingPlanView> {
    return toPricingPlanView(await this.catalog.replacePricingPlan(id, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a pricing plan no vehicle type uses' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiNotFoundResponse({ description: 'unknown pricing plan' })
  @ApiConflictResponse({ description: 'a vehicle type uses this plan' })
  async remove(@Param('id', UuidPipe) id: string): Promise<void> {
    await this.catalog.deletePricingPlan(id);
  }
}

@ApiTags('mobility: GBFS catalog (admin)')
@ApiBasicAuth('admin-basic')
@ApiUnauthorizedResponse({ description: 'admin credentials required' })
@UseGuards(AdminBasicGuard)
@Controller('mobility/alerts')
export class SystemAlertsController {
  constructor(private readonly catalog: GbfsCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Every system alert, by start' })
  @ApiOkResponse({ type: [SystemAlertView] })
  async list(): Promise<SystemAlertView[]> {
    return (await this.catalog.listAlerts()).map(toSystemAlertView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One system alert' })
  @ApiOkResponse({ type: SystemAlertView })
  @ApiNotFoundResponse({ description: 'unknown alert' })
  async findOne(@Param('id', UuidPipe) id: string): Promise<SystemAlertView> {
    return toSystemAlertView(await this.catalog.findAlert(id));
  }

  @Post()
  @ApiOperation({ summary: 'Publish a system alert (system_alerts.json)' })
  @ApiCreatedResponse({ type: SystemAlertView })
  @ApiBadRequestResponse({ description: 'invalid field; times without an offset; ends_at not after starts_at' })
  async create(@Body() dto: SystemAlertInputDto): Promise<SystemAlertView> {
    return toSystemAlertView(await this.catalog.createAlert(dto));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a system alert' })
  @ApiOkResponse({ type: SystemAlertView })
  @ApiBadRequestResponse({ description: 'invalid field; times without an offset; ends_at not after starts_at' })
  @ApiNotFoundResponse({ description: 'unknown alert' })
  async replace(@Param('id', UuidPipe) id: string, @Body() dto: SystemAlertInputDto): Promise<SystemAlertView> {
    return toSystemAlertView(await this.catalog.replaceAlert(id, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Withdraw a system alert' })
  @ApiNoContentResponse({ description: 'withdrawn' })
  @ApiNotFoundResponse({ description: 'unknown alert' })
  async remove(@Param('id', UuidPipe) id: string): Promise<void> {
    await this.catalog.deleteAlert(id);
  }
}
