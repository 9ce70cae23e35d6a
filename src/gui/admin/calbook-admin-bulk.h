/* calbook-admin-bulk.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-context.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_ADMIN_BULK (calbook_admin_bulk_get_type ())

G_DECLARE_FINAL_TYPE (CalbookAdminBulk, calbook_admin_bulk, CALBOOK, ADMIN_BULK, GObject)

/*
 * One change (cancel with one reason, confirm or decline) to many bookings,
 * each through the outbox, followed to its end: "progress" as Cal.com
 * answers, "finished" once every booking has an outcome.
 */

CalbookAdminBulk *calbook_admin_bulk_new             (CalbookContext       *context,
                                                      CalbookMutationKind   kind,
                                                      const char           *reason);
/* How many of @bookings the change applies to, and of how many members */
guint             calbook_admin_bulk_count_eligible  (CalbookMutationKind   kind,
                                                      GPtrArray            *bookings,
                                                      guint                *out_n_members);
void              calbook_admin_bulk_start           (CalbookAdminBulk     *self,
                                                      GPtrArray            *bookings);
guint             calbook_admin_bulk_get_n_total     (CalbookAdminBulk     *self);
guint             calbook_admin_bulk_get_n_done      (CalbookAdminBulk     *self);
guint             calbook_admin_bulk_get_n_failed    (CalbookAdminBulk     *self);
gboolean          calbook_admin_bulk_is_finished     (CalbookAdminBulk     *self);
/* What succeeded and what did not, with Cal.com's reasons */
char             *calbook_admin_bulk_dup_summary     (CalbookAdminBulk     *self);

G_END_DECLS
