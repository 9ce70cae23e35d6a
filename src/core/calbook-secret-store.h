/* calbook-secret-store.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CALBOOK_TYPE_SECRET_STORE (calbook_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (CalbookSecretStore, calbook_secret_store, CALBOOK, SECRET_STORE, GObject)

/*
 * The API key lives in the system keyring only (libsecret schema
 * "io.github.calbook.Calbook.ApiKey", attribute "base-url", label
 * "Calbook API key for <base-url>"). Without a Secret Service the calls
 * fail with CALBOOK_SECRET_ERROR_NO_KEYRING; there is no fallback file.
 */

CalbookSecretStore *calbook_secret_store_new           (void);

void      calbook_secret_store_store_async   (CalbookSecretStore *self, const char *base_url,
                                              const char *api_key, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean  calbook_secret_store_store_finish  (CalbookSecretStore *self, GAsyncResult *result,
                                              GError **error);

/* Finishes with the key, or NULL and no error when none is stored */
void      calbook_secret_store_lookup_async  (CalbookSecretStore *self, const char *base_url,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
char     *calbook_secret_store_lookup_finish (CalbookSecretStore *self, GAsyncResult *result,
                                              GError **error);

void      calbook_secret_store_clear_async   (CalbookSecretStore *self, const char *base_url,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean  calbook_secret_store_clear_finish  (CalbookSecretStore *self, GAsyncResult *result,
                                              GError **error);

G_END_DECLS
