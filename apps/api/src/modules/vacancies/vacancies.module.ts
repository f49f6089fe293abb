import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { VacanciesResolver } from './vacancies.resolver';
import { VacanciesService } from './vacancies.service';

@Module({ imports: [ReferenceModule], providers: [VacanciesService, VacanciesResolver], exports: [VacanciesService] })
export class VacanciesModule {}
