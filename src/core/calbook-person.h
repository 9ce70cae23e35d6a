/* calbook-person.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CALBOOK_TYPE_PERSON (calbook_person_get_type ())

/**
 * CalbookPerson:
 * @user_id: the Cal.com user id (hosts, members), 0 when unknown (attendees)
 * @name: display name, never %NULL (may be empty)
 * @email: e-mail address, never %NULL (may be empty for phone-only attendees)
 * @display_email: the e-mail Cal.com shows publicly, or %NULL
 * @username: Cal.com username (hosts, members), or %NULL
 * @time_zone: IANA zone such as "Europe/Berlin", or %NULL
 * @language: a language code such as "de", or %NULL
 * @phone: phone number (attendees), or %NULL
 * @role: membership role "MEMBER", "ADMIN" or "OWNER" (members only), or %NULL
 * @absent: marked as a no-show (attendees)
 *
 * One person on a booking (host or attendee) or in the organization (member).
 * A plain reference-counted record: everything in it is immutable once shared.
 */
typedef struct _CalbookPerson CalbookPerson;

struct _CalbookPerson
{
  gint64    user_id;
  char     *name;
  char     *email;
  char     *display_email;
  char     *username;
  char     *time_zone;
  char     *language;
  char     *phone;
  char     *role;
  gboolean  absent;

  /*< private >*/
  gatomicrefcount ref_count;
};

GType          calbook_person_get_type     (void) G_GNUC_CONST;
CalbookPerson *calbook_person_new          (const char          *name,
                                            const char          *email);
CalbookPerson *calbook_person_ref          (CalbookPerson       *self);
void           calbook_person_unref        (CalbookPerson       *self);
gboolean       calbook_person_equal        (const CalbookPerson *a,
                                            const CalbookPerson *b);
const char    *calbook_person_get_label    (const CalbookPerson *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookPerson, calbook_person_unref)

G_END_DECLS
