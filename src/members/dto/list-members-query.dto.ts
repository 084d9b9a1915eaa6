import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const MEMBER_ORDERINGS = ['id', 'username', 'date_joined', 'last_visit'] as const;
const ORDERING_VALUES = MEMBER_ORDERINGS.flatMap((field) => [field, `-${field}`]);

/**
 * `GET /v1/membres` filters. `page` and `perPage` are read by the platform's pagination helper,
 * which answers its own codes (4001, 4003); other query parameters are ignored but kept in `Link`.
 */
export class ListMembersQueryDto {
  @ApiPropertyOptional({
    example: 'andr',
    description:
      'username contains, case-insensitive; ranked exact > exact-ci > starts > starts-ci > contains > contains-ci, ties by username',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'is_active must be true or false' })
  is_active?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'is_staff must be true or false' })
  is_staff?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ORDERING_VALUES,
    example: '-date_joined',
    description: 'default -date_joined; with a search, the ranking unless ordering is given',
  })
  @IsOptional()
  @IsIn(ORDERING_VALUES, { message: `ordering must be one of ${ORDERING_VALUES.join(', ')}` })
  ordering?: string;
}
