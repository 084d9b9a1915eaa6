import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { generateOpaqueToken, hashOpaqueToken } from '../common/auth/secrets.js';
import { ApiError } from '../common/errors/api-error.js';
import type { PageRequest } from '../common/http/pagination.js';
import { isUniqueViolation } from '../database/database-errors.js';
import type { CreateTaxiDto } from './dto/create-taxi.dto.js';
import { Taxi } from './taxi.entity.js';

/** The fleet: taxis, and the driver tokens that identify them. */
@Injectable()
export class TaxisService {
  /**
   * Taxis are never changed nor removed once registered, so a taxi read once stays true: the hail
   * endpoint, on the registry's 10 s clock, skips a query per hail. A miss always asks the database,
   * so a taxi registered through another process is found too.
   */
  private readonly known = new Map<string, Taxi>();
  private static readonly KNOWN_LIMIT = 10_000;

  constructor(@InjectRepository(Taxi) private readonly taxis: Repository<Taxi>) {}

  /** Registers a taxi and returns its driver token, which exists nowhere else afterwards. */
  async register(dto: CreateTaxiDto): Promise<{ taxi: Taxi; token: string }> {
    const token = generateOpaqueToken();
    const taxi = this.taxis.create({
      id: dto.id,
      phoneNumber: dto.phone_number,
      driverName: dto.driver_name ?? null,
      licencePlate: dto.licence_plate ?? null,
      tokenHash: hashOpaqueToken(token),
      createdAt: new Date(),
    });
    try {
      // insert, not save: save would silently update an existing taxi of the same id.
      await this.taxis.insert(taxi);
    } catch (error) {
      if (isUniqueViolation(error)) throw ApiError.conflict(`taxi ${dto.id} is already registered`, { field: 'id' });
      throw error;
    }
    return { taxi, token };
  }

  async findById(id: string): Promise<Taxi | null> {
    const cached = this.known.get(id);
    if (cached) return cached;
    const taxi = await this.taxis.findOneBy({ id });
    if (taxi) {
      if (this.known.size >= TaxisService.KNOWN_LIMIT) this.known.clear();
      this.known.set(id, taxi);
    }
    return taxi;
  }

  async getById(id: string): Promise<Taxi> {
    const taxi = await this.findById(id);
    if (!taxi) throw ApiError.notFound(`taxi ${id} not found`);
    return taxi;
  }

  /** The taxi a driver token belongs to, looked up by the token's hash. */
  findByToken(token: string): Promise<Taxi | null> {
    return this.taxis.findOneBy({ tokenHash: hashOpaqueToken(token) });
  }

  listPage(page: PageRequest): Promise<[Taxi[], number]> {
    return this.taxis.findAndCount({ order: { createdAt: 'DESC', id: 'ASC' }, skip: page.offset, take: page.perPage });
  }
}
