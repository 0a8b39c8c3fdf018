'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { SelectField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { api, type ApiFailure, call, failureMessage } from '@/app/_lib/api';

/** The API names the rule it applied (last owner, owner-only): say it rather than a generic refusal. */
function apiReason(result: ApiFailure, te: Parameters<typeof failureMessage>[1]): string {
  return result.status === 403 || result.status === 409 ? result.error.message : failureMessage(result, te);
}

const assignableRoles = ['owner', 'admin', 'manager', 'staff', 'member', 'viewer'] as const;
export type Role = (typeof assignableRoles)[number];

/**
 * Change a member's role or remove them. Only owners are offered the owner role (and may touch
 * an owner); the API still decides, and its reason — e.g. the last owner — is shown as given.
 */
export function MemberActions({ slug, member, actorRole, isSelf }: { slug: string; member: { id: string; name: string; role: Role }; actorRole: Role; isSelf: boolean }) {
  const t = useTranslations('teamPage.member');
  const tr = useTranslations('dashboard.roles');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [role, setRole] = useState<Role>(member.role);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const isOwner = actorRole === 'owner';
  const locked = member.role === 'owner' && !isOwner;
  const roles = assignableRoles.filter((r) => isOwner || r !== 'owner');
  const param = { slug, memberId: member.id };

  async function saveRole() {
    if (saving || role === member.role) return;
    setSaving(true);
    setError(null);
    const result = await call(api.orgs[':slug'].members[':memberId'].$patch({ param, json: { role } }));
    setSaving(false);
    if (result.ok) {
      notify('success', t('roleChanged', { name: member.name, role: tr(role) }));
      router.refresh();
      return;
    }
    setError(apiReason(result, te));
    setRole(member.role);
  }

  async function remove() {
    if (removing) return;
    setRemoving(true);
    setRemoveError(null);
    const result = await call(api.orgs[':slug'].members[':memberId'].$delete({ param }));
    setRemoving(false);
    if (result.ok) {
      setConfirming(false);
      notify('success', t('removed', { name: member.name }));
      router.refresh();
      return;
    }
    setRemoveError(apiReason(result, te));
  }

  if (locked) return <span className="text-sm text-slate-600">{t('ownerLocked')}</span>;

  return (
    <div className="min-w-36 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <SelectField
          id={`role-${member.id}`}
          label={<span className="sr-only">{t('roleFor', { name: member.name })}</span>}
          value={role}
          disabled={saving}
          onChange={(e) => setRole(e.target.value as Role)}
          className="min-w-32"
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {tr(r)}
            </option>
          ))}
        </SelectField>
        {role !== member.role ? (
          <Button type="button" size="sm" loading={saving} loadingText={t('saving')} onClick={saveRole}>
            {t('saveRole')}
          </Button>
        ) : null}
        <Button type="button" size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={isSelf ? undefined : t('removeLabel', { name: member.name })}>
          {isSelf ? t('leave') : t('remove')}
        </Button>
      </div>
      <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
      <Dialog
        open={confirming}
        onClose={() => !removing && setConfirming(false)}
        title={t('confirmTitle', { name: member.name })}
        description={isSelf ? t('confirmSelf') : t('confirmBody', { name: member.name })}
        closeLabel={tc('close')}
      >
        <LiveRegion politeness="assertive">{removeError ? <Alert tone="error" className="mb-4">{removeError}</Alert> : null}</LiveRegion>
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" data-autofocus onClick={() => setConfirming(false)} disabled={removing}>
            {t('cancel')}
          </Button>
          <Button type="button" variant="danger" loading={removing} loadingText={t('removing')} onClick={remove}>
            {t('confirmRemove')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
