import { describe, expect, it } from 'vitest';
import { contradictingRoles, grantedRoles, type Role } from '../../src/auth/roles.ts';

describe('which roles one person may hold together', () => {
  it('admin, manager and member combine: an admin or a manager may also work in a department', () => {
    expect(contradictingRoles(['admin', 'manager', 'member'])).toEqual([]);
    expect(grantedRoles(['manager'], 'member')).toEqual({ roles: ['manager', 'member'], replaced: [] });
  });

  it('a viewer changes nothing, so viewer goes alone', () => {
    expect(contradictingRoles(['admin', 'member', 'viewer'])).toEqual(['admin', 'member', 'viewer']);
    expect(contradictingRoles(['viewer'])).toEqual([]);
  });

  it('granting member to a viewer replaces viewer', () => {
    expect(grantedRoles(['viewer'], 'member')).toEqual({ roles: ['member'], replaced: ['viewer'] });
  });

  it('granting viewer replaces every other role', () => {
    expect(grantedRoles(['member', 'admin'], 'viewer')).toEqual({
      roles: ['viewer'],
      replaced: ['admin', 'member'],
    });
  });

  it('granting a role held already changes nothing', () => {
    expect(grantedRoles(['admin', 'member'], 'admin')).toEqual({ roles: ['admin', 'member'], replaced: [] });
  });

  it('whatever is held and granted, the result never holds two roles that contradict', () => {
    const all: Role[] = ['admin', 'manager', 'member', 'viewer'];
    const subsets = Array.from({ length: 16 }, (_, bits) => all.filter((_r, i) => bits & (1 << i)));
    for (const held of subsets) {
      for (const role of all) {
        const { roles, replaced } = grantedRoles(held, role);
        expect(contradictingRoles(roles)).toEqual([]);
        expect(roles).toContain(role);
        expect([...roles, ...replaced].sort()).toEqual([...new Set([...held, role])].sort());
      }
    }
  });
});
