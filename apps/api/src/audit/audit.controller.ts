import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditQuery, AuditService } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';

@ApiTags('audit')
@ApiBearerAuth()
@Allow(CAN.administer)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQuery) {
    return this.audit.list(query);
  }
}
