/* calbook-person.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calbook-person.h"

G_DEFINE_BOXED_TYPE (CalbookPerson, calbook_person, calbook_person_ref, calbook_person_unref)

/**
 * calbook_person_new:
 * @name: (nullable): the display name
 * @email: (nullable): the e-mail address
 *
 * Returns: (transfer full): a new person; the other fields start empty and
 *   may be filled in by the caller before the record is shared
 */
CalbookPerson *
calbook_person_new (const char *name,
                    const char *email)
{
  CalbookPerson *self = g_new0 (CalbookPerson, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name ? name : "");
  self->email = g_strdup (email ? email : "");

  return self;
}

CalbookPerson *
calbook_person_ref (CalbookPerson *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
calbook_person_unref (CalbookPerson *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->name);
  g_free (self->email);
  g_free (self->display_email);
  g_free (self->username);
  g_free (self->time_zone);
  g_free (self->language);
  g_free (self->phone);
  g_free (self->role);
  g_free (self);
}

/**
 * calbook_person_equal:
 *
 * Returns: %TRUE when every field of @a and @b is the same
 */
gboolean
calbook_person_equal (const CalbookPerson *a,
                      const CalbookPerson *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->user_id == b->user_id &&
         a->absent == b->absent &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->email, b->email) == 0 &&
         g_strcmp0 (a->display_email, b->display_email) == 0 &&
         g_strcmp0 (a->username, b->username) == 0 &&
         g_strcmp0 (a->time_zone, b->time_zone) == 0 &&
         g_strcmp0 (a->language, b->language) == 0 &&
         g_strcmp0 (a->phone, b->phone) == 0 &&
         g_strcmp0 (a->role, b->role) == 0;
}

/**
 * calbook_person_get_label:
 *
 * Returns: the name, or the e-mail when the name is empty, or the phone
 *   number for phone-only attendees; never %NULL
 */
const char *
calbook_person_get_label (const CalbookPerson *self)
{
  g_return_val_if_fail (self != NULL, "");

  if (self->name != NULL && self->name[0] != '\0')
    return self->name;
  if (self->email != NULL && self->email[0] != '\0')
    return self->email;
  if (self->phone != NULL)
    return self->phone;
  return "";
}
