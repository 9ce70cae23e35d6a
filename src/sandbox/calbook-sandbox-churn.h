/* calbook-sandbox-churn.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-db.h"

G_BEGIN_DECLS

/* Edits made on the server while clients page: another admin, the web app
 * or attendees changing bookings. Seeded, so a run replays. */
typedef struct _CalbookSandboxChurn CalbookSandboxChurn;

CalbookSandboxChurn *calbook_sandbox_churn_new       (guint64              seed);
void                 calbook_sandbox_churn_free      (CalbookSandboxChurn *self);
gboolean             calbook_sandbox_churn_roll      (CalbookSandboxChurn *self,
                                                      double               probability);
const char          *calbook_sandbox_churn_edit      (CalbookSandboxChurn *self,
                                                      CalbookSandboxDb    *db,
                                                      gint64               now_ms);
guint                calbook_sandbox_churn_get_count (CalbookSandboxChurn *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookSandboxChurn, calbook_sandbox_churn_free)

G_END_DECLS
