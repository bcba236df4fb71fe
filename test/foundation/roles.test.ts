import { knownAs, samePerson, type PersonIds } from '../../bot/shared/people';
import { createRoles, type Role, type RoleClaim, type RoleLists } from '../../bot/shared/roles';

const guid = '6a1c3a52-1f4b-4a7e-9d8e-000000000a00';

describe('samePerson: the same Teams user id, or the same Entra object id in any case', () => {
  it.each<[string, PersonIds, PersonIds, boolean]>([
    ['the same Teams id', { id: '29:a' }, { id: '29:a', aadObjectId: guid }, true],
    ['the same Entra object id', { id: '29:a', aadObjectId: guid }, { id: 'user-id-0', aadObjectId: guid }, true],
    [
      'the Entra object id in another case',
      { id: '29:a', aadObjectId: guid.toUpperCase() },
      { id: '29:b', aadObjectId: guid },
      true,
    ],
    ['different ids', { id: '29:a', aadObjectId: guid }, { id: '29:b', aadObjectId: `${guid}1` }, false],
    ['no Entra object id on either side', { id: '29:a' }, { id: '29:b' }, false],
    ['an Entra object id on one side only', { id: '29:a', aadObjectId: guid }, { id: '29:b' }, false],
    ['empty ids', { id: '', aadObjectId: '' }, { id: '', aadObjectId: '' }, false],
  ])('%s', (_name, a, b, same) => {
    expect(samePerson(a, b)).toBe(same);
    expect(samePerson(b, a)).toBe(same);
  });

  it.each<[string, string, boolean]>([
    ['the Teams id', '29:a', true],
    ['the Entra object id', guid.toUpperCase(), true],
    ['another id', '29:b', false],
  ])('knownAs: a person is known by %s', (_name, id, known) => {
    expect(knownAs({ id: '29:a', aadObjectId: guid }, id)).toBe(known);
  });
});

describe('Roles: ids and e-mail addresses, trimmed and in any case, for every role alike', () => {
  const none: RoleLists = { admin: [], 'halteam-coordinator': [], 'overview-coordinator': [], po: [], mo: [] };
  const lists: RoleLists = {
    ...none,
    admin: [` ${guid.toUpperCase()} `],
    'halteam-coordinator': [guid, 'Coordinator@Gemeente.Example'],
    'overview-coordinator': ['', 'CO@gemeente.example'],
    po: ['po@gemeente.example'],
    mo: ['AAD-MO'],
  };
  const roles = createRoles(lists);

  it.each<[string, RoleClaim, Role[]]>([
    ['an Entra object id listed in another case, with spaces', { aadObjectId: guid }, ['admin', 'halteam-coordinator']],
    ['an e-mail address listed in another case', { email: 'coordinator@gemeente.example' }, ['halteam-coordinator']],
    ['an e-mail address given in another case', { email: 'PO@Gemeente.Example' }, ['po']],
    [
      'an id and an e-mail address together',
      { aadObjectId: 'aad-mo', email: 'co@gemeente.example' },
      ['overview-coordinator', 'mo'],
    ],
    ['someone not listed', { aadObjectId: 'aad-other', email: 'other@gemeente.example' }, []],
    ['nothing known', {}, []],
    ['an empty e-mail address (an empty entry is no entry)', { email: ' ' }, []],
  ])('%s', (_name, who, expected) => {
    expect([...roles.rolesOf(who)].sort()).toEqual([...expected].sort());
  });

  it.each<[string, RoleLists, boolean]>([
    ['no lists', none, false],
    ['Entra object ids only', { ...none, admin: [guid], mo: ['AAD-MO'] }, false],
    ['an e-mail address in any list', { ...none, admin: [guid], po: ['po@gemeente.example'] }, true],
  ])('needs an e-mail address to be looked up with %s', (_name, given, needed) => {
    expect(createRoles(given).needsEmail()).toBe(needed);
  });

  it('lists the entries of a role as matched: trimmed, lower case, no empty ones', () => {
    expect(roles.listed('admin')).toEqual([guid]);
    expect(roles.listed('overview-coordinator')).toEqual(['co@gemeente.example']);
  });
});
