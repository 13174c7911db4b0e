import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { Council, CouncilRelationshipsService } from '#libs/councils';
import { checksConfig, fieldError, todayInLondon } from '#libs/platform';
import {
  checkPeer,
  type CouncilRef,
  type Finding,
  type HostCouncil,
  type InformationNote,
  type PeerProfile,
  type RulesConfig,
} from './conflicts/conflict-rules.js';
import type { ConflictQuery } from './dto/conflict.query.js';
import { PeersService } from './peers.service.js';

/** What the council's peer challenges say, as the case library answers it. */
export interface CaseFacts {
  isFirstCpc(gssCode: string, before: string): Promise<boolean>;
  challengesServed(peerId: string, gssCode: string): Promise<Array<{ caseId: string; year: number }>>;
}

export interface PreCheck {
  peerId: string;
  councilGssCode: string;
  role: ConflictQuery['role'];
  caseType: ConflictQuery['caseType'];
  firstCpc: boolean;
  on: string;
  canServe: boolean;
  findings: Finding[];
  information: InformationNote[];
  config: RulesConfig;
}

const refOf = (c: Council): CouncilRef => ({
  gssCode: c.gssCode,
  name: c.name,
  countyGssCode: c.countyGssCode,
  combinedAuthorityGssCode: c.combinedAuthorityGssCode,
});

/** Gathers what the conflict rules need from the database and runs them. */
@Injectable()
export class PeerConflictsService {
  constructor(
    private readonly peers: PeersService,
    private readonly relationships: CouncilRelationshipsService,
    private readonly dataSource: DataSource,
    @Inject(checksConfig.KEY) private readonly config: ConfigType<typeof checksConfig>,
  ) {}

  /**
   * "Can this peer serve council X as Y?", asked before the peer is approached. What the council's cases say
   * (whether it would be its first CPC, which of its challenges the peer served on) comes from the caller,
   * as the case library reads it; `query.firstCpc` overrides the first.
   */
  async preCheck(peerId: string, query: ConflictQuery, history: CaseFacts): Promise<PreCheck> {
    const profile = await this.profile(peerId);
    const host = await this.host(query.councilGssCode);
    const on = query.on ?? todayInLondon();
    const firstCpc =
      query.firstCpc === undefined ? await history.isFirstCpc(host.gssCode, on) : query.firstCpc === 'true';
    profile.previousChallengesOfHost = await history.challengesServed(profile.id, host.gssCode);
    const { findings, information } = checkPeer({
      host,
      peer: profile,
      role: query.role,
      firstCpc,
      caseType: query.caseType,
      on,
      config: this.config,
    });
    return {
      peerId: profile.id,
      councilGssCode: host.gssCode,
      role: query.role,
      caseType: query.caseType,
      firstCpc,
      on,
      canServe: !findings.some((f) => f.severity === 'hard'),
      findings,
      information,
      config: this.config,
    };
  }

  async profile(peerId: string): Promise<PeerProfile> {
    const peer = await this.peers.find(this.dataSource.manager, peerId);
    const home = peer.homeCouncilGssCode
      ? await this.dataSource.getRepository(Council).findOneByOrFail({ gssCode: peer.homeCouncilGssCode })
      : null;
    const dealings = await this.peers.dealingsOf(peer.id);
    return {
      id: peer.id,
      name: peer.name,
      kind: peer.kind,
      role: peer.role,
      homeCouncil: home ? refOf(home) : null,
      expertise: peer.expertise,
      trainedOn: peer.trainedOn,
      dealings: dealings.map((d) => ({
        councilGssCode: d.councilGssCode,
        councilName: d.councilName,
        kind: d.kind,
        from: d.from,
        to: d.to,
        note: d.note,
      })),
      previousChallengesOfHost: [],
    };
  }

  async host(gssCode: string): Promise<HostCouncil> {
    const council = await this.dataSource.getRepository(Council).findOneBy({ gssCode: gssCode.toUpperCase() });
    if (!council) {
      throw fieldError('councilGssCode', `No council has the GSS code ${gssCode}`);
    }
    const [neighbours, arrangements] = await Promise.all([
      this.relationships.neighbourCodes(council.gssCode),
      this.relationships.arrangementsOf(council.gssCode),
    ]);
    return {
      ...refOf(council),
      neighbours,
      arrangements: arrangements.map(({ otherGssCode, otherName, kind, from, to }) => ({
        otherGssCode,
        otherName,
        kind,
        from,
        to,
      })),
    };
  }
}
