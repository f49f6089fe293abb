import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '../../common/auth/access.decorators';
import { Principal, Role } from '../../common/auth/role';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { EmployerInput } from './dto/employer.input';
import { EmployersService } from './employers.service';
import { Employer } from './models/employer.model';

@Resolver(() => Employer)
export class EmployersResolver {
  constructor(private readonly employers: EmployersService) {}

  @Roles(Role.ADMIN, Role.PLATFORM)
  @Mutation(() => Employer, { description: 'Creates an employer (or updates the one with the same externalId of your source).' })
  createEmployer(@CurrentPrincipal() p: Principal, @Args('input') input: EmployerInput): Promise<Employer> {
    return this.employers.create(p, input);
  }
}
