import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The principal a realm guard authenticated (`JwtPrincipal` or `BasicPrincipal`), or undefined. */
export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<{ user?: unknown }>().user;
});
