import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CAN } from '#libs/auth';
import { SuggestTeamDto, TeamSuggestionsQuery, TeamSuggestionsService } from '#libs/cases';
import { Answer } from '../http/openapi/answer.decorator.js';

/** The best peers for a case's roles, and the best whole team (issue #23): read-only, for those who propose peers. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class TeamSuggestionsController {
  constructor(private readonly suggestions: TeamSuggestionsService) {}

  @Allow(CAN.changeCases)
  @Answer(200, 'TeamSuggestions')
  @Get(':id/team-suggestions')
  candidates(@Param('id') id: string, @Query() query: TeamSuggestionsQuery) {
    return this.suggestions.candidates(id, query.role, query.limit);
  }

  @Allow(CAN.changeCases)
  @Answer(200, 'SuggestedTeam')
  @Post(':id/team-suggestions/team')
  @HttpCode(200)
  team(@Param('id') id: string, @Body() dto: SuggestTeamDto) {
    return this.suggestions.team(id, dto);
  }
}
