import { ROLES, type Role, type UserView } from '#libs/auth';
import { REGIONS } from '#libs/councils';
import { humanise } from '../cases/case-page.js';
import { link } from '../councils/council-page.js';
import { tagHtml, type Query as FormBody } from '../lists.js';
import { formText, problemsInWords, type FieldProblems, type Wording } from '../forms.js';

/** What the user pages show and read, shaped for the GOV.UK macros. */

const ROLE_HINTS: Record<Role, string> = {
  admin: 'Everything, including users, council records and sending nudges',
  peer_challenge_manager: 'Opens and runs cases, keeps the peer pool',
  principal_adviser: 'Reads everything and adds council notes; needs a region',
  viewer: 'Reads everything',
};

/** What was typed or chosen: ticked roles come as one value or several. An admin never types a password. */
export interface UserForm {
  name: string;
  email: string;
  roles: string[];
  region: string;
  active: string;
}

export function formOf(body: FormBody): UserForm {
  const roles = Array.isArray(body.roles) ? (body.roles as unknown[]) : body.roles === undefined ? [] : [body.roles];
  return {
    name: formText(body.name),
    email: formText(body.email),
    roles: roles.filter((r): r is string => typeof r === 'string'),
    region: formText(body.region),
    active: formText(body.active),
  };
}

export function formFromUser(user: UserView): UserForm {
  return { ...user, region: user.region ?? '', active: String(user.active) };
}

/** How the user form names its fields to people, in the form's order, and what it asks for. */
const USER_WORDING: Record<string, Wording> = {
  name: { label: 'Name', enter: 'Enter the person’s name' },
  email: { label: 'Email address', enter: 'Enter an email address in the correct format, like name@example.org' },
  roles: { label: 'Roles', choose: 'Choose at least one role' },
  region: { label: 'Region', choose: 'Choose a region from the list (a principal adviser needs one)' },
  active: { label: 'Active', choose: 'Choose whether the user can sign in' },
};

/** The problems in the order of the form's fields, each in words for people. */
export function inFormOrder(problems: FieldProblems): FieldProblems {
  const said = Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [
      field,
      // An empty choice of roles, said as the form asks for it.
      field === 'roles' && /at least one role|must be one of/.test(problem) ? 'Choose at least one role' : problem,
    ]),
  );
  return problemsInWords(said, USER_WORDING);
}

export const roleName = (role: string) => humanise(role);

export function roleItems(chosen: string[]) {
  return ROLES.map((role) => ({
    value: role,
    text: roleName(role),
    hint: { text: ROLE_HINTS[role] },
    checked: chosen.includes(role),
  }));
}

export function regionItems(chosen: string) {
  return [
    { value: '', text: 'No region' },
    ...REGIONS.map((region) => ({ value: region, text: region, selected: region === chosen })),
  ];
}

/** The users as table rows: name (linked to their page), email, roles, region, whether they can sign in. */
export function userRows(users: UserView[]) {
  return users.map((u) => [
    { html: link(`/admin/users/${u.id}`, u.name) },
    { text: u.email },
    { text: u.roles.map(roleName).join(', ') },
    { text: u.region ?? '' },
    {
      html: tagHtml(
        u.active
          ? { text: 'Active', classes: 'govuk-tag--green' }
          : { text: 'Deactivated', classes: 'govuk-tag--grey' },
      ),
    },
  ]);
}
