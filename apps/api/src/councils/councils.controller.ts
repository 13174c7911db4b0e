import { Controller, Get, Param } from '@nestjs/common';
import { Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CouncilsService, ListCouncilsQuery } from '#libs/councils';

@ApiTags('councils')
@Controller('councils')
export class CouncilsController {
  constructor(private readonly councils: CouncilsService) {}

  @Get()
  list(@Query() query: ListCouncilsQuery) {
    return this.councils.list(query);
  }

  @Get(':gssCode')
  get(@Param('gssCode') gssCode: string) {
    return this.councils.get(gssCode);
  }
}
