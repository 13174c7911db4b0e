import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditQuery, AuditService } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { Answer } from '../http/openapi/answer.decorator.js';

@ApiTags('audit')
@ApiBearerAuth()
@Allow(CAN.administer)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Answer(200, 'AuditList')
  @Get()
  list(@Query() query: AuditQuery) {
    return this.audit.list(query);
  }
}
