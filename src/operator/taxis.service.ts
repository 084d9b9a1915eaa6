import { Injectable } from '@nestjs/common';
import { generateOpaqueToken, hashOpaqueToken } from '../common/auth/secrets.js';
import type { PageRequest } from '../common/http/pagination.js';
import type { CreateTaxiDto } from './dto/create-taxi.dto.js';
import type { UpdateTaxiDto } from './dto/driver-taxi.dto.js';
import { FleetRepository } from './fleet.repository.js';
import { HailRepository } from './hail.repository.js';
import { OperatorError } from './operator.errors.js';
import { TaxiStatusService } from './taxi-status.service.js';
import { Taxi } from './taxi.entity.js';

/** The fleet: taxis, and the driver tokens that identify them. */
@Injectable()
export class TaxisService {
  /**
   * Taxis read lately, so the hail endpoint, on the registry's 10 s clock, skips a query per hail.
   * A taxi may be changed or removed (PATCH, DELETE), so an entry is trusted for `KNOWN_TTL_MS` only:
   * this process forgets it at once on its own change, another process within that time. A miss
   * always asks the database, so a taxi registered through another process is found too.
   */
  private readonly known = new Map<string, { taxi: Taxi; until: number }>();
  private static readonly KNOWN_LIMIT = 10_000;
  static readonly KNOWN_TTL_MS = 5000;

  constructor(
    private readonly repository: HailRepository,
    private readonly fleet: FleetRepository,
    private readonly status: TaxiStatusService,
  ) {}

  /** Registers a taxi and returns its driver token, which exists nowhere else afterwards. */
  async register(dto: CreateTaxiDto): Promise<{ taxi: Taxi; token: string }> {
    const token = generateOpaqueToken();
    const taxi = Object.assign(new Taxi(), {
      id: dto.id,
      phoneNumber: dto.phone_number,
      driverName: dto.driver_name ?? null,
      licencePlate: dto.licence_plate ?? null,
      tokenHash: hashOpaqueToken(token),
      createdAt: new Date(),
    });
    if (!(await this.repository.addTaxi(taxi))) {
      throw new OperatorError('TAXI_ALREADY_REGISTERED', `taxi ${dto.id} is already registered`, { field: 'id' });
    }
    return { taxi, token };
  }

  /** A taxi of the fleet (a removed one is not). */
  async findById(id: string): Promise<Taxi | null> {
    const cached = this.known.get(id);
    if (cached && cached.until > Date.now()) return cached.taxi;
    const found = await this.repository.findTaxi(id);
    const taxi = found && !found.removedAt ? found : null;
    if (taxi) {
      if (this.known.size >= TaxisService.KNOWN_LIMIT) this.known.clear();
      this.known.set(id, { taxi, until: Date.now() + TaxisService.KNOWN_TTL_MS });
    } else {
      this.known.delete(id);
    }
    return taxi;
  }

  async getById(id: string): Promise<Taxi> {
    const taxi = await this.findById(id);
    if (!taxi) throw new OperatorError('TAXI_NOT_FOUND', `taxi ${id} not found`);
    return taxi;
  }

  /**
   * The taxi a driver token belongs to, looked up by the token's hash: never cached, so a rotated
   * or removed taxi's old token stops working with the commit that replaced it.
   */
  async findByToken(token: string): Promise<Taxi | null> {
    const taxi = await this.repository.findTaxiByTokenHash(hashOpaqueToken(token));
    return taxi && !taxi.removedAt ? taxi : null;
  }

  listPage(page: PageRequest): Promise<[Taxi[], number]> {
    return this.fleet.pageOfActiveTaxis(page);
  }

  /** Changes a taxi's phone, driver name or plate (the phone goes to the registry from the next hail on). */
  async update(id: string, dto: UpdateTaxiDto): Promise<Taxi> {
    const changes: Partial<Pick<Taxi, 'phoneNumber' | 'driverName' | 'licencePlate'>> = {};
    if (dto.phone_number !== undefined) changes.phoneNumber = dto.phone_number;
    if (dto.driver_name !== undefined) changes.driverName = dto.driver_name;
    if (dto.licence_plate !== undefined) changes.licencePlate = dto.licence_plate;
    if (Object.keys(changes).length === 0) {
      throw new OperatorError('NOTHING_TO_CHANGE', 'send at least one of phone_number, driver_name, licence_plate', { field: 'body' });
    }
    const taxi = await this.fleet.updateTaxi(id, changes);
    this.known.delete(id);
    if (!taxi) throw new OperatorError('TAXI_NOT_FOUND', `taxi ${id} not found`);
    return taxi;
  }

  /**
   * Removes a taxi from the fleet: its token stops working, it gets no more hails (404 to the
   * registry), leaves the list, and goes `off` at the registry (durable, like a driver's request).
   * Its hails and their history stay.
   */
  async remove(id: string): Promise<void> {
    const removed = await this.fleet.removeTaxi(id, hashOpaqueToken(generateOpaqueToken()), new Date(), (manager) =>
      this.status.requestOffWith(manager, id),
    );
    this.known.delete(id);
    if (!removed) throw new OperatorError('TAXI_NOT_FOUND', `taxi ${id} not found`);
  }

  /** A new driver token; the previous one stops working with this commit. */
  async rotateToken(id: string): Promise<{ taxi: Taxi; token: string }> {
    const token = generateOpaqueToken();
    const taxi = await this.fleet.updateTaxi(id, { tokenHash: hashOpaqueToken(token) });
    if (!taxi) throw new OperatorError('TAXI_NOT_FOUND', `taxi ${id} not found`);
    return { taxi, token };
  }
}
