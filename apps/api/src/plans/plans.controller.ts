import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import {
  PlanConstraintDto,
  planCsv,
  PlansService,
  PlanSettingsDto,
  PlanSettingsService,
  type StoredPlan,
} from '#libs/planning';
import { CurrentActor } from '../auth/request.js';
import { Answer } from '../http/openapi/answer.decorator.js';

/** A plan as JSON, or as CSV when asked for by `Accept: text/csv` or by its `.csv` name. */
function send(plan: StoredPlan, asCsv: boolean, response: Response) {
  if (!asCsv) return plan;
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="plan-${plan.id}.csv"`);
  response.send(planCsv(plan.councils, plan.inputs.startQuarter));
}

const wantsCsv = (request: Request) => /\btext\/csv\b/.test(request.headers.accept ?? '');

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly settings: PlanSettingsService,
  ) {}

  @Allow(CAN.read)
  @Answer(200, 'Settings')
  @Get('settings')
  getSettings() {
    return this.settings.settings();
  }

  @Allow(CAN.administer)
  @Answer(200, 'Settings')
  @Put('settings')
  putSettings(@Body() dto: PlanSettingsDto, @CurrentActor() actor: Actor) {
    return this.settings.setSettings(dto, actor);
  }

  @Allow(CAN.read)
  @Answer(200, 'Constraints')
  @Get('constraints')
  async constraints() {
    return { constraints: await this.settings.constraints() };
  }

  @Allow(CAN.constrainPlans)
  @Answer(200, 'Constraint')
  @Put('constraints/:gssCode')
  putConstraint(@Param('gssCode') gssCode: string, @Body() dto: PlanConstraintDto, @CurrentActor() actor: Actor) {
    return this.settings.setConstraint(gssCode, dto, actor);
  }

  @Allow(CAN.constrainPlans)
  @Answer(204, null)
  @Delete('constraints/:gssCode')
  @HttpCode(204)
  async deleteConstraint(@Param('gssCode') gssCode: string, @CurrentActor() actor: Actor) {
    await this.settings.removeConstraint(gssCode, actor);
  }

  @Allow(CAN.administer)
  @Answer(201, 'Plan')
  @Post()
  async run(@CurrentActor() actor: Actor) {
    return (await this.plans.run(actor)).plan;
  }

  @Allow(CAN.read)
  @Answer(200, 'Plan', 'text/csv')
  @Get('latest')
  @ApiProduces('application/json', 'text/csv')
  async latest(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return send(await this.plans.latest(), wantsCsv(request), response);
  }

  @Allow(CAN.read)
  @Answer(200, 'PlanMoves')
  @Get(':id/moves')
  async moves(@Param('id') id: string) {
    const plan = await this.plans.get(id);
    return { planId: plan.id, moves: await this.plans.moves(plan.id) };
  }

  @Allow(CAN.read)
  @Answer(200, 'Plan', 'text/csv')
  @Get(':id')
  @ApiProduces('application/json', 'text/csv')
  async get(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const csvName = id.endsWith('.csv');
    return send(await this.plans.get(csvName ? id.slice(0, -4) : id), csvName || wantsCsv(request), response);
  }
}
