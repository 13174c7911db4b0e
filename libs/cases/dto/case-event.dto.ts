import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
  IsOptional,
} from 'class-validator';
import { UUID, IsCalendarDate, IsOmittable } from '#libs/platform';
import { TEAM_ROLES, type TeamRole } from '#libs/peers';
import {
  DOCUMENT_KINDS,
  type CaseEventType,
  type DocumentKind,
  type RecommendationStatus,
} from '../workflow/case-events.js';

/**
 * The body of `POST /cases/:id/events`, one class per event type. Only what a user may send is declared: the
 * facts the service stamps on an event (a peer's name, the stage a pause left, a note's author) are refused
 * when sent, like any unknown field.
 */
const TEXT = 2000;

export class CaseEventDto {
  @IsString()
  type: CaseEventType;

  @IsInt({ message: 'expectedVersion must be the version of the case you last read (a whole number)' })
  @Min(1, { message: 'expectedVersion must be the version of the case you last read (a whole number)' })
  expectedVersion: number;
}

function Reason(field = 'reason') {
  return (target: object, key: string) => {
    IsString({ message: `${field} is required` })(target, key);
    Matches(/\S/, { message: `${field} must not be blank` })(target, key);
    MaxLength(TEXT, { message: `${field} must be at most ${TEXT} characters` })(target, key);
  };
}

/** Ids compare as text in the case's data: one spelling (lower case) for each. */
const lowerCase = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value,
);

function PeerId() {
  return (target: object, key: string) => {
    lowerCase(target, key);
    IsString({ message: 'peerId is required' })(target, key);
    Matches(UUID, { message: 'peerId must be the id of a peer' })(target, key);
  };
}

class DateEvent extends CaseEventDto {
  @IsCalendarDate()
  date: string;
}

export class IndicativeMonthEvent extends CaseEventDto {
  @ApiProperty({ example: '2027-02', description: 'the month the visit is expected in' })
  @IsString({ message: 'month must be a month such as 2027-02' })
  @Matches(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, { message: 'month must be a month such as 2027-02' })
  month: string;
}

class ReceivedEvent extends CaseEventDto {
  @IsCalendarDate()
  receivedOn: string;
}

class OnsiteDates extends CaseEventDto {
  @IsCalendarDate()
  onsiteStart: string;

  @IsCalendarDate()
  onsiteEnd: string;
}

export class AgreeScopeEvent extends OnsiteDates {
  @IsArray({ message: 'focusAreas must be a list of focus areas' })
  @ArrayMaxSize(20, { message: 'focusAreas may hold at most 20 areas' })
  @IsString({ each: true, message: 'each focus area must be text' })
  @MaxLength(200, { each: true, message: 'each focus area must be at most 200 characters' })
  focusAreas: string[];
}

export class ProposePeerEvent extends CaseEventDto {
  @PeerId()
  peerId: string;

  @IsIn(TEAM_ROLES, { message: `role must be one of: ${TEAM_ROLES.join(', ')}` })
  role: TeamRole;
}

export class RemovePeerEvent extends CaseEventDto {
  @PeerId()
  peerId: string;
}

function FindingId() {
  return (target: object, key: string) => {
    IsString({ message: 'findingId is required' })(target, key);
    Matches(/^[a-z_]+:[0-9a-z-]+:[0-9A-Za-z:-]+$/, { message: 'findingId must be the id of a finding' })(target, key);
    MaxLength(200, { message: 'findingId must be the id of a finding' })(target, key);
  };
}

export class OverrideConflictEvent extends CaseEventDto {
  @FindingId()
  findingId: string;

  @Reason('justification')
  justification: string;
}

export class ApproveOverrideEvent extends CaseEventDto {
  @FindingId()
  findingId: string;
}

export class ReplacePeerEvent extends CaseEventDto {
  @lowerCase
  @IsString({ message: 'outPeerId is required' })
  @Matches(UUID, { message: 'outPeerId must be the id of a peer' })
  outPeerId: string;

  @lowerCase
  @IsString({ message: 'inPeerId is required' })
  @Matches(UUID, { message: 'inPeerId must be the id of a peer' })
  inPeerId: string;

  @IsIn(TEAM_ROLES, { message: `role must be one of: ${TEAM_ROLES.join(', ')}` })
  role: TeamRole;

  @Reason()
  reason: string;
}

export class DeclareConflictEvent extends RemovePeerEvent {
  @IsIn(['hard', 'soft'], { message: 'severity must be hard or soft' })
  severity: 'hard' | 'soft';

  @Reason('detail')
  detail: string;
}

export class ConfirmTeamEvent extends CaseEventDto {
  @IsOptional()
  @IsString({ message: 'financeWaiverReason must be text' })
  @MaxLength(TEXT, { message: `financeWaiverReason must be at most ${TEXT} characters` })
  financeWaiverReason?: string;
}

export class RescheduleOnsiteEvent extends OnsiteDates {
  @Reason()
  reason: string;
}

export class AssignManagerEvent extends CaseEventDto {
  @lowerCase
  @IsString({ message: 'managerId is required' })
  @Matches(UUID, { message: 'managerId must be the id of a user' })
  managerId: string;
}

export class PublishReportEvent extends CaseEventDto {
  @IsCalendarDate()
  publishedOn: string;

  @IsArray({ message: 'recommendations must be a list of recommendations' })
  @ArrayMaxSize(100, { message: 'recommendations may hold at most 100' })
  @IsString({ each: true, message: 'each recommendation must be text' })
  @MaxLength(TEXT, { each: true, message: `each recommendation must be at most ${TEXT} characters` })
  recommendations: string[];
}

class Progress {
  @IsInt({ message: 'index must be the number of a recommendation, from 0' })
  @Min(0, { message: 'index must be the number of a recommendation, from 0' })
  index: number;

  @IsIn(['achieved', 'in_progress', 'not_started'], {
    message: 'status must be one of: achieved, in_progress, not_started',
  })
  status: RecommendationStatus;
}

export class CompleteFollowUpEvent extends DateEvent {
  @IsArray({ message: 'progress must be a list of { index, status }' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => Progress)
  progress: Progress[];
}

export class PauseEvent extends CaseEventDto {
  @Reason()
  reason: string;
}

export class CaseNoteDto {
  @ApiProperty()
  @IsString({ message: 'text is required' })
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(5000, { message: 'text must be at most 5000 characters' })
  text: string;
}

export class DocumentLinkDto {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS, { message: `kind must be one of: ${DOCUMENT_KINDS.join(', ')}` })
  kind: DocumentKind;

  @ApiProperty({ example: 'Position statement, final version' })
  @Reason('title')
  title: string;

  @ApiProperty({ example: 'https://sharepoint.example.org/sites/cpc/position-statement.docx' })
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: 'url must be a web address (https://…)' },
  )
  @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  url: string;

  @ApiPropertyOptional({ description: 'The day it was received (or prepared); omitted: the day it is recorded' })
  @IsOmittable()
  @IsCalendarDate()
  receivedOn?: string;
}

export class AddNoteEvent extends IntersectionType(CaseEventDto, CaseNoteDto) {}

export class AddDocumentEvent extends IntersectionType(CaseEventDto, DocumentLinkDto) {}

/** The body class for each event a user may send. */
export const EVENT_BODIES: Partial<Record<CaseEventType, typeof CaseEventDto>> = {
  SCHEDULE_SCOPING_MEETING: DateEvent,
  SET_INDICATIVE_MONTH: IndicativeMonthEvent,
  AGREE_SCOPE: AgreeScopeEvent,
  PROPOSE_PEER: ProposePeerEvent,
  REMOVE_PEER: RemovePeerEvent,
  REPLACE_PEER: ReplacePeerEvent,
  OVERRIDE_CONFLICT: OverrideConflictEvent,
  APPROVE_OVERRIDE: ApproveOverrideEvent,
  DECLARE_CONFLICT: DeclareConflictEvent,
  CONFIRM_TEAM: ConfirmTeamEvent,
  RESCHEDULE_ONSITE: RescheduleOnsiteEvent,
  ASSIGN_MANAGER: AssignManagerEvent,
  RECEIVE_POSITION_STATEMENT: ReceivedEvent,
  START_ONSITE: CaseEventDto,
  PRESENT_FEEDBACK: DateEvent,
  SUBMIT_DRAFT_REPORT: CaseEventDto,
  PUBLISH_REPORT: PublishReportEvent,
  RECEIVE_ACTION_PLAN: ReceivedEvent,
  SCHEDULE_FOLLOW_UP: DateEvent,
  COMPLETE_FOLLOW_UP: CompleteFollowUpEvent,
  PAUSE: PauseEvent,
  RESUME: CaseEventDto,
  CANCEL: PauseEvent,
  ADD_NOTE: AddNoteEvent,
  ADD_DOCUMENT: AddDocumentEvent,
};
