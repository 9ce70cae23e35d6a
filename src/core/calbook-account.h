/* calbook-account.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "calbook-api-client.h"

G_BEGIN_DECLS

#define CALBOOK_BASE_URL_CLOUD "https://api.cal.com"
#define CALBOOK_BASE_URL_EU    "https://api.cal.eu"

typedef enum
{
  CALBOOK_ROLE_NONE,    /* not in an organization */
  CALBOOK_ROLE_MEMBER,
  CALBOOK_ROLE_ADMIN,
  CALBOOK_ROLE_OWNER,
} CalbookRole;

#define CALBOOK_TYPE_ACCOUNT (calbook_account_get_type ())

G_DECLARE_FINAL_TYPE (CalbookAccount, calbook_account, CALBOOK, ACCOUNT, GObject)

/*
 * Who is signed in where: base URL, the /v2/me profile, the organization
 * and the role. Read-only properties: "base-url", "user-id", "username",
 * "name", "email", "time-zone", "organization-id", "role", "is-admin".
 * Admin = ADMIN or OWNER of the organization, found by probing
 * GET /v2/organizations/{id}/bookings?take=1 (403 = not admin) and the
 * memberships for the exact role (docs/architecture.md §2).
 */

/* Checks @api_key with GET /v2/me and finds the role; stores nothing. */
void            calbook_account_connect_async   (const char *base_url, const char *api_key,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
CalbookAccount *calbook_account_connect_finish  (GAsyncResult *result, GError **error);

/* connect, then store the key in the keyring and remember the profile */
void            calbook_account_sign_in_async   (const char *base_url, const char *api_key,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
CalbookAccount *calbook_account_sign_in_finish  (GAsyncResult *result, GError **error);

/* The profile remembered at sign-in, so the app starts offline; NULL if none */
CalbookAccount *calbook_account_load_remembered (const char *base_url, GError **error);

/* Deletes the key from the keyring, forgets the profile and, when asked, the local store */
void            calbook_account_sign_out_async  (CalbookAccount *self, gboolean delete_store,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
gboolean        calbook_account_sign_out_finish (CalbookAccount *self, GAsyncResult *result,
                                                 GError **error);

CalbookAccount *calbook_account_new_from_me     (const char *base_url, JsonObject *me,
                                                 CalbookRole role, GError **error);
const char     *calbook_account_get_base_url    (CalbookAccount *self);
gint64          calbook_account_get_user_id     (CalbookAccount *self);
const char     *calbook_account_get_username    (CalbookAccount *self);
const char     *calbook_account_get_name        (CalbookAccount *self);
const char     *calbook_account_get_email       (CalbookAccount *self);
const char     *calbook_account_get_time_zone   (CalbookAccount *self);
gint64          calbook_account_get_organization_id (CalbookAccount *self);
CalbookRole     calbook_account_get_role        (CalbookAccount *self);
gboolean        calbook_account_is_admin        (CalbookAccount *self);

/* Asks Cal.com again whether this user is an organization admin; TRUE when
 * the role changed (the "role" and "is-admin" properties notify) */
void            calbook_account_refresh_role_async  (CalbookAccount *self, CalbookApiClient *client,
                                                     GCancellable *cancellable,
                                                     GAsyncReadyCallback callback, gpointer user_data);
gboolean        calbook_account_refresh_role_finish (CalbookAccount *self, GAsyncResult *result,
                                                     GError **error);
/* Cal.com refused the organization's bookings (403): now a member */
void            calbook_account_note_organization_refused (CalbookAccount *self);
char           *calbook_account_dup_store_path  (CalbookAccount *self);

G_END_DECLS
