/* calbook-demo-server.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CALBOOK_TYPE_DEMO_SERVER (calbook_demo_server_get_type ())

G_DECLARE_FINAL_TYPE (CalbookDemoServer, calbook_demo_server, CALBOOK, DEMO_SERVER, GObject)

CalbookDemoServer *calbook_demo_server_new          (const char         *db_path,
                                                     guint               n_bookings);
void               calbook_demo_server_start_async  (CalbookDemoServer  *self,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean           calbook_demo_server_start_finish (CalbookDemoServer  *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);
const char        *calbook_demo_server_get_url      (CalbookDemoServer  *self);
JsonObject        *calbook_demo_server_find_account (CalbookDemoServer  *self,
                                                     gboolean            admin);
JsonObject        *calbook_demo_server_find_account_by_role (CalbookDemoServer *self,
                                                             const char        *role);
void               calbook_demo_server_stop         (CalbookDemoServer  *self);

G_END_DECLS
