/* calbook-search-provider.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "calbook-store.h"

G_BEGIN_DECLS

/**
 * CalbookSearchStoreFunc:
 * @user_data: what was given to calbook_search_provider_new()
 * @user_id: (out): the Cal.com user whose own bookings are searched
 * @user_email: (out) (transfer full) (nullable): that user's e-mail address,
 *   which makes bookings they attend their own too
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the store to search, or %NULL
 *   (without an error when nobody is signed in)
 */
typedef CalbookStore *(*CalbookSearchStoreFunc) (gpointer   user_data,
                                                 gint64    *user_id,
                                                 char     **user_email,
                                                 GError   **error);

#define CALBOOK_TYPE_SEARCH_PROVIDER (calbook_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (CalbookSearchProvider, calbook_search_provider,
                      CALBOOK, SEARCH_PROVIDER, GObject)

CalbookSearchProvider *calbook_search_provider_new        (GApplication           *application,
                                                           CalbookSearchStoreFunc  store_func,
                                                           gpointer                user_data);
gboolean               calbook_search_provider_export     (CalbookSearchProvider  *self,
                                                           GDBusConnection        *connection,
                                                           const char             *object_path,
                                                           GError                **error);
void                   calbook_search_provider_unexport   (CalbookSearchProvider  *self);
GPtrArray             *calbook_search_provider_find       (CalbookSearchProvider  *self,
                                                           const char * const     *terms,
                                                           GError                **error);

G_END_DECLS
