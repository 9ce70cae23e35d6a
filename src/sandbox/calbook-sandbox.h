/* calbook-sandbox.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CALBOOK_TYPE_SANDBOX (calbook_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (CalbookSandbox, calbook_sandbox, CALBOOK, SANDBOX, GObject)

CalbookSandbox *calbook_sandbox_new                 (guint64          seed,
                                                     guint            n_bookings,
                                                     const char      *db_path,
                                                     GError         **error);
CalbookSandbox *calbook_sandbox_new_demo            (guint64          seed,
                                                     const char      *db_path,
                                                     GError         **error);
void            calbook_sandbox_set_rate_limit      (CalbookSandbox  *self,
                                                     guint            requests_per_minute);
void            calbook_sandbox_set_shuffle_ties    (CalbookSandbox  *self,
                                                     gboolean         shuffle);
void            calbook_sandbox_set_admin_api       (CalbookSandbox  *self,
                                                     gboolean         enabled);
void            calbook_sandbox_set_churn           (CalbookSandbox  *self,
                                                     double           per_second,
                                                     double           per_request);
gboolean        calbook_sandbox_set_faults          (CalbookSandbox  *self,
                                                     const char      *spec,
                                                     GError         **error);
gboolean        calbook_sandbox_listen              (CalbookSandbox  *self,
                                                     guint            port,
                                                     GError         **error);
void            calbook_sandbox_shutdown            (CalbookSandbox  *self);
const char     *calbook_sandbox_get_url             (CalbookSandbox  *self);
gint64          calbook_sandbox_get_organization_id (CalbookSandbox  *self);
char           *calbook_sandbox_dup_info_json       (CalbookSandbox  *self);
const char     *calbook_sandbox_get_api_key         (CalbookSandbox  *self,
                                                     const char      *username);
char           *calbook_sandbox_dup_mutations_json  (CalbookSandbox  *self,
                                                     const char      *request_id,
                                                     const char      *uid);
void            calbook_sandbox_set_now             (CalbookSandbox  *self,
                                                     gint64           unix_seconds);

G_END_DECLS
