/* calbook-account.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-account"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "calbook-account.h"
#include "calbook-error.h"
#include "calbook-json.h"
#include "calbook-secret-store.h"
#include "calbook-store.h"

/* Cal.com's maximum page size for organization memberships */
#define MEMBERSHIPS_PAGE_SIZE 250
/* Stop paging memberships after this many pages: a bigger organization
 * still works, the role just defaults to ADMIN */
#define MEMBERSHIPS_MAX_PAGES 40

struct _CalbookAccount
{
  GObject      parent_instance;

  char        *base_url;
  gint64       user_id;
  char        *username;
  char        *name;
  char        *email;
  char        *time_zone;
  gint64       organization_id;
  CalbookRole  role;
};

G_DEFINE_FINAL_TYPE (CalbookAccount, calbook_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_USER_ID,
  PROP_USERNAME,
  PROP_NAME,
  PROP_EMAIL,
  PROP_TIME_ZONE,
  PROP_ORGANIZATION_ID,
  PROP_ROLE,
  PROP_IS_ADMIN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct
{
  char             *api_key;
  CalbookApiClient *client;
  JsonObject       *me;
  gint64            user_id;
  gint64            organization_id;
  char             *email;
  guint             memberships_skip;
  guint             memberships_pages;
  CalbookAccount   *account;
  GError           *keyring_error;
  gboolean          delete_store;
} AccountTaskData;

static void
account_task_data_free (gpointer data)
{
  AccountTaskData *self = data;

  if (self->api_key != NULL)
    {
      /* Don't leave the key lying around in freed memory */
      memset (self->api_key, 0, strlen (self->api_key));
      g_free (self->api_key);
    }
  g_clear_object (&self->client);
  g_clear_pointer (&self->me, json_object_unref);
  g_free (self->email);
  g_clear_object (&self->account);
  g_clear_error (&self->keyring_error);
  g_free (self);
}

/* Auxiliary methods */

static GTask *
create_task (gpointer             source_object,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             AccountTaskData    **out_data)
{
  GTask *task;

  g_assert (out_data != NULL);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  *out_data = g_new0 (AccountTaskData, 1);
  g_task_set_task_data (task, *out_data, account_task_data_free);

  return task;
}

/* GKeyFile group names can't hold "[", "]" or control characters, which an
 * IPv6 host ("http://[::1]:8080") has: escape them the URL way */
static char *
build_group_name (const char *base_url)
{
  g_assert (base_url != NULL);

  return g_uri_escape_string (base_url, "!$&'()*+,;=:/?#@%-._~", TRUE);
}

static const char *
role_to_string (CalbookRole role)
{
  switch (role)
    {
    case CALBOOK_ROLE_MEMBER:
      return "member";
    case CALBOOK_ROLE_ADMIN:
      return "admin";
    case CALBOOK_ROLE_OWNER:
      return "owner";
    case CALBOOK_ROLE_NONE:
    default:
      return "none";
    }
}

static CalbookRole
role_from_string (const char *str)
{
  if (g_strcmp0 (str, "member") == 0)
    return CALBOOK_ROLE_MEMBER;
  if (g_strcmp0 (str, "admin") == 0)
    return CALBOOK_ROLE_ADMIN;
  if (g_strcmp0 (str, "owner") == 0)
    return CALBOOK_ROLE_OWNER;
  return CALBOOK_ROLE_NONE;
}

static char *
dup_accounts_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "calbook", NULL);
}

static char *
dup_accounts_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "calbook", "accounts.ini", NULL);
}

/* Loads accounts.ini. A missing file is an empty one. A damaged file is an
 * error for readers; writers move it aside first so nothing is lost. */
static GKeyFile *
load_accounts_file (gboolean   for_writing,
                    GError   **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = dup_accounts_path ();

  if (g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, &local_error))
    return g_steal_pointer (&key_file);

  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return g_key_file_new ();

  if (for_writing && local_error->domain == G_KEY_FILE_ERROR)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
      g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

      g_warning ("%s is damaged (%s); keeping it as %s", path, local_error->message, aside);
      if (g_rename (path, aside) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("The damaged file %s could not be moved aside: %s"),
                       path, g_strerror (saved_errno));
          return NULL;
        }
      return g_key_file_new ();
    }

  g_set_error (error, local_error->domain, local_error->code,
               _("The remembered accounts in %s could not be read: %s"),
               path, local_error->message);
  return NULL;
}

static gboolean
save_accounts_file (GKeyFile  *key_file,
                    GError   **error)
{
  g_autofree char *dir = dup_accounts_dir ();
  g_autofree char *path = dup_accounts_path ();
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert (key_file != NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The folder %s could not be created: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* The folder holds the bookings of every account: keep it private even
   * if something else created it with a looser mode */
  g_chmod (dir, 0700);

  data = g_key_file_to_data (key_file, &length, NULL);
  return g_file_set_contents_full (path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT |
                                   G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                   0600, error);
}

static gboolean
remember_profile (CalbookAccount  *self,
                  GError         **error)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *group = NULL;

  g_assert (CALBOOK_IS_ACCOUNT (self));

  key_file = load_accounts_file (TRUE, error);
  if (key_file == NULL)
    return FALSE;

  /* Only the profile: the API key lives in the keyring and nowhere else */
  group = build_group_name (self->base_url);
  g_key_file_remove_group (key_file, group, NULL);
  g_key_file_set_int64 (key_file, group, "user-id", self->user_id);
  g_key_file_set_string (key_file, group, "username", self->username);
  g_key_file_set_string (key_file, group, "name", self->name);
  g_key_file_set_string (key_file, group, "email", self->email);
  if (self->time_zone != NULL)
    g_key_file_set_string (key_file, group, "time-zone", self->time_zone);
  g_key_file_set_int64 (key_file, group, "organization-id", self->organization_id);
  g_key_file_set_string (key_file, group, "role", role_to_string (self->role));
  g_key_file_set_int64 (key_file, group, "signed-in-at", g_date_time_to_unix (now));

  return save_accounts_file (key_file, error);
}

static gboolean
forget_profile (const char  *base_url,
                GError     **error)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *path = dup_accounts_path ();
  g_autofree char *group = NULL;

  g_assert (base_url != NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  key_file = load_accounts_file (TRUE, error);
  if (key_file == NULL)
    return FALSE;

  group = build_group_name (base_url);
  if (!g_key_file_remove_group (key_file, group, NULL))
    return TRUE;

  return save_accounts_file (key_file, error);
}

static gboolean
delete_store_files (const char  *path,
                    GError     **error)
{
  /* SQLite keeps its write-ahead log and shared memory beside the file */
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_assert (path != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("The local copy %s could not be deleted: %s"),
                       file, g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

static CalbookRole
role_from_membership (const char *role)
{
  /* The bookings probe succeeded, so the server treats this user as an
   * organization admin whatever the membership says */
  if (g_strcmp0 (role, "OWNER") == 0)
    return CALBOOK_ROLE_OWNER;
  return CALBOOK_ROLE_ADMIN;
}

static gboolean
membership_is_self (JsonObject      *membership,
                    AccountTaskData *data)
{
  JsonNode *user_node;
  gint64 user_id = 0;

  g_assert (membership != NULL);
  g_assert (data != NULL);

  if (calbook_json_get_id (membership, "userId", &user_id) && user_id != 0)
    return user_id == data->user_id;

  user_node = json_object_get_member (membership, "user");
  if (user_node != NULL && JSON_NODE_HOLDS_OBJECT (user_node) && data->email != NULL)
    {
      const char *email = calbook_json_get_string (json_node_get_object (user_node), "email");

      return email != NULL && g_ascii_strcasecmp (email, data->email) == 0;
    }

  return FALSE;
}

static void
finish_connect (GTask       *task,
                CalbookRole  role)
{
  AccountTaskData *data = g_task_get_task_data (task);
  GError *error = NULL;
  CalbookAccount *account;

  g_assert (G_IS_TASK (task));

  account = calbook_account_new_from_me (calbook_api_client_get_base_url (data->client), data->me,
                                         role, &error);
  if (account == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, g_object_unref);
}

static void on_list_memberships_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
load_memberships_page (GTask *task)
{
  AccountTaskData *data = g_task_get_task_data (task);

  g_assert (G_IS_TASK (task));

  calbook_api_client_list_memberships_async (data->client, data->organization_id,
                                             MEMBERSHIPS_PAGE_SIZE, data->memberships_skip,
                                             g_task_get_cancellable (task),
                                             on_list_memberships_cb, g_object_ref (task));
}

/* Callbacks */

static void
on_list_memberships_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;
  AccountTaskData *data = g_task_get_task_data (task);

  page = calbook_api_client_list_memberships_finish (CALBOOK_API_CLIENT (source), result, &error);
  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* The organization bookings answered, so this is an admin; the
       * memberships only tell ADMIN from OWNER */
      g_debug ("Memberships unavailable (%s); assuming ADMIN", error->message);
      finish_connect (task, CALBOOK_ROLE_ADMIN);
      return;
    }

  for (guint i = 0; i < page->items->len; i++)
    {
      JsonObject *membership = g_ptr_array_index (page->items, i);

      if (membership_is_self (membership, data))
        {
          finish_connect (task, role_from_membership (calbook_json_get_string (membership, "role")));
          return;
        }
    }

  data->memberships_pages++;
  if (page->has_next_page && page->items->len > 0 &&
      data->memberships_pages < MEMBERSHIPS_MAX_PAGES)
    {
      data->memberships_skip += page->items->len;
      load_memberships_page (task);
      return;
    }

  finish_connect (task, CALBOOK_ROLE_ADMIN);
}

static void
on_probe_org_bookings_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = calbook_api_client_list_bookings_finish (CALBOOK_API_CLIENT (source), result, &error);
  if (page == NULL)
    {
      /* 403: not an organization admin (or no Admin API): a member */
      if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN))
        finish_connect (task, CALBOOK_ROLE_MEMBER);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  load_memberships_page (task);
}

static void
on_get_me_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  AccountTaskData *data = g_task_get_task_data (task);
  CalbookApiBookingQuery query = { 0, };
  GCancellable *cancellable;
  JsonObject *me;

  me = calbook_api_client_get_me_finish (CALBOOK_API_CLIENT (source), result, &error);
  if (me == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->me = me;

  if (!calbook_json_get_id (me, "id", &data->user_id) || data->user_id <= 0)
    {
      g_task_return_new_error (task, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE,
                               _("Cal.com answered without a valid user id for this API key"));
      return;
    }
  data->email = g_strdup (calbook_json_get_string (me, "email"));

  if (calbook_json_has_value (me, "organizationId") &&
      !calbook_json_get_id (me, "organizationId", &data->organization_id))
    {
      g_task_return_new_error (task, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE,
                               _("Cal.com answered with an invalid organization id"));
      return;
    }

  if (data->organization_id == 0)
    {
      finish_connect (task, CALBOOK_ROLE_NONE);
      return;
    }

  /* Only organization admins may list the organization's bookings */
  query.take = 1;
  cancellable = g_task_get_cancellable (task);
  calbook_api_client_list_bookings_async (data->client, data->organization_id, &query,
                                          cancellable,
                                          on_probe_org_bookings_cb, g_steal_pointer (&task));
}

static void
on_secret_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  AccountTaskData *data = g_task_get_task_data (task);

  if (!calbook_secret_store_store_finish (CALBOOK_SECRET_STORE (source), result, &error))
    {
      g_autoptr(GError) forget_error = NULL;

      /* Without the key the remembered profile is of no use: leave nothing behind */
      if (!forget_profile (data->account->base_url, &forget_error))
        g_warning ("Could not forget the profile: %s", forget_error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (data->account), g_object_unref);
}

static void
on_sign_in_connected_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CalbookSecretStore) secret_store = NULL;
  g_autoptr(GError) error = NULL;
  AccountTaskData *data = g_task_get_task_data (task);
  GCancellable *cancellable;

  data->account = calbook_account_connect_finish (result, &error);
  if (data->account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!remember_profile (data->account, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* (the cancellable is read first: the task is stolen in the same call) */
  cancellable = g_task_get_cancellable (task);
  secret_store = calbook_secret_store_new ();
  calbook_secret_store_store_async (secret_store, data->account->base_url, data->api_key,
                                    cancellable, on_secret_stored_cb, g_steal_pointer (&task));
}

static void
on_secret_cleared_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  CalbookAccount *self = g_task_get_source_object (task);
  AccountTaskData *data = g_task_get_task_data (task);
  GError *keyring_error = NULL;

  /* Signing out goes on when the keyring fails: the local traces go
   * anyway, and the keyring error is reported at the end */
  calbook_secret_store_clear_finish (CALBOOK_SECRET_STORE (source), result, &keyring_error);

  if (g_error_matches (keyring_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, keyring_error);
      return;
    }

  if (!forget_profile (self->base_url, &error))
    {
      g_clear_error (&keyring_error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->delete_store)
    {
      store_path = calbook_account_dup_store_path (self);
      if (!delete_store_files (store_path, &error))
        {
          g_clear_error (&keyring_error);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (keyring_error != NULL)
    g_task_return_error (task, keyring_error);
  else
    g_task_return_boolean (task, TRUE);
}

/* GObject overrides */

static void
calbook_account_finalize (GObject *object)
{
  CalbookAccount *self = (CalbookAccount *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->time_zone, g_free);

  G_OBJECT_CLASS (calbook_account_parent_class)->finalize (object);
}

static void
calbook_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CalbookAccount *self = CALBOOK_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;

    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;

    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;

    case PROP_IS_ADMIN:
      g_value_set_boolean (value, calbook_account_is_admin (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_account_class_init (CalbookAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = calbook_account_finalize;
  object_class->get_property = calbook_account_get_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* A CalbookRole; there is no registered enum type for it in the contract */
  properties[PROP_ROLE] =
    g_param_spec_int ("role", NULL, NULL, CALBOOK_ROLE_NONE, CALBOOK_ROLE_OWNER, CALBOOK_ROLE_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_IS_ADMIN] =
    g_param_spec_boolean ("is-admin", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
calbook_account_init (CalbookAccount *self)
{
}

/* Public API */

/**
 * calbook_account_new_from_me:
 * @base_url: the API root without /v2
 * @me: the `data` object of GET /v2/me
 * @role: the role found in the organization
 *
 * Builds an account from Cal.com's profile without talking to anyone.
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with
 *   %CALBOOK_API_ERROR_INVALID_RESPONSE when @me has no usable user id
 */
CalbookAccount *
calbook_account_new_from_me (const char   *base_url,
                             JsonObject   *me,
                             CalbookRole   role,
                             GError      **error)
{
  g_autoptr(CalbookAccount) self = NULL;
  const char *username;
  const char *name;
  const char *email;
  const char *time_zone;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (me != NULL, NULL);
  g_return_val_if_fail (role >= CALBOOK_ROLE_NONE && role <= CALBOOK_ROLE_OWNER, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  self = g_object_new (CALBOOK_TYPE_ACCOUNT, NULL);
  self->base_url = calbook_api_client_normalize_base_url (base_url);

  if (!calbook_json_get_id (me, "id", &self->user_id) || self->user_id <= 0)
    {
      g_set_error_literal (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE,
                           _("Cal.com answered without a valid user id for this API key"));
      return NULL;
    }

  if (calbook_json_has_value (me, "organizationId") &&
      !calbook_json_get_id (me, "organizationId", &self->organization_id))
    {
      g_set_error_literal (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE,
                           _("Cal.com answered with an invalid organization id"));
      return NULL;
    }

  username = calbook_json_get_string (me, "username");
  name = calbook_json_get_string (me, "name");
  email = calbook_json_get_string (me, "email");
  time_zone = calbook_json_get_string (me, "timeZone");

  self->username = g_strdup (username ? username : "");
  self->name = g_strdup (name ? name : "");
  self->email = g_strdup (email ? email : "");
  self->time_zone = time_zone && time_zone[0] ? g_strdup (time_zone) : NULL;
  /* A role only means something inside an organization */
  self->role = self->organization_id > 0 ? role : CALBOOK_ROLE_NONE;

  return g_steal_pointer (&self);
}

/**
 * calbook_account_connect_async:
 * @base_url: the API root without /v2 (https://, or http:// on loopback)
 * @api_key: the key to check; kept in memory only
 *
 * Checks @api_key with GET /v2/me and finds the organization role. Stores
 * nothing. Errors are CALBOOK_API_ERROR (invalid URL, unauthorized, …).
 */
void
calbook_account_connect_async (const char          *base_url,
                               const char          *api_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AccountTaskData *data;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (api_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = create_task (NULL, calbook_account_connect_async, cancellable, callback, user_data,
                      &data);

  /* The client checks the URL and the key, and normalizes the URL */
  data->client = calbook_api_client_new (base_url, api_key, &error);
  if (data->client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  calbook_api_client_get_me_async (data->client, cancellable,
                                   on_get_me_cb, g_steal_pointer (&task));
}

/**
 * calbook_account_connect_finish:
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with an error
 */
CalbookAccount *
calbook_account_connect_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        calbook_account_connect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * calbook_account_sign_in_async:
 * @base_url: the API root without /v2
 * @api_key: the key; on success it is in the keyring, and nowhere else
 *
 * Connects, remembers the profile (never the key) in
 * `$XDG_DATA_HOME/calbook/accounts.ini` and stores the key in the keyring.
 * On failure nothing is left behind.
 */
void
calbook_account_sign_in_async (const char          *base_url,
                               const char          *api_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AccountTaskData *data;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (api_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = create_task (NULL, calbook_account_sign_in_async, cancellable, callback, user_data,
                      &data);
  data->api_key = g_strdup (api_key);

  calbook_account_connect_async (base_url, api_key, cancellable,
                                 on_sign_in_connected_cb, g_steal_pointer (&task));
}

/**
 * calbook_account_sign_in_finish:
 *
 * Returns: (transfer full) (nullable): the signed-in account, or %NULL with
 *   a CALBOOK_API_ERROR, a CALBOOK_SECRET_ERROR or a G_FILE_ERROR
 */
CalbookAccount *
calbook_account_sign_in_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        calbook_account_sign_in_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * calbook_account_load_remembered:
 * @base_url: the API root without /v2, as in the "base-url" setting
 *
 * Reads the profile remembered at sign-in, so the app can start offline.
 *
 * Returns: (transfer full) (nullable): the account, or %NULL: without an
 *   error when nobody signed in at @base_url, with one when the file is
 *   damaged (the file is left as it is)
 */
CalbookAccount *
calbook_account_load_remembered (const char  *base_url,
                                 GError     **error)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autoptr(CalbookAccount) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *group = NULL;
  g_autofree char *role = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  key_file = load_accounts_file (FALSE, error);
  if (key_file == NULL)
    return NULL;

  normalized = calbook_api_client_normalize_base_url (base_url);
  group = build_group_name (normalized);
  if (!g_key_file_has_group (key_file, group))
    return NULL;

  self = g_object_new (CALBOOK_TYPE_ACCOUNT, NULL);
  self->base_url = g_steal_pointer (&normalized);
  self->user_id = g_key_file_get_int64 (key_file, group, "user-id", &local_error);
  if (local_error != NULL || self->user_id <= 0)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("The remembered profile for %s has no valid user id; sign in again"),
                   self->base_url);
      return NULL;
    }

  self->organization_id = g_key_file_get_int64 (key_file, group, "organization-id", NULL);
  if (self->organization_id < 0)
    self->organization_id = 0;
  self->username = g_key_file_get_string (key_file, group, "username", NULL);
  self->name = g_key_file_get_string (key_file, group, "name", NULL);
  self->email = g_key_file_get_string (key_file, group, "email", NULL);
  self->time_zone = g_key_file_get_string (key_file, group, "time-zone", NULL);
  role = g_key_file_get_string (key_file, group, "role", NULL);
  self->role = self->organization_id > 0 ? role_from_string (role) : CALBOOK_ROLE_NONE;

  if (self->username == NULL)
    self->username = g_strdup ("");
  if (self->name == NULL)
    self->name = g_strdup ("");
  if (self->email == NULL)
    self->email = g_strdup ("");

  return g_steal_pointer (&self);
}

/**
 * calbook_account_sign_out_async:
 * @delete_store: also delete the local copy of the bookings
 *
 * Deletes the key from the keyring, forgets the profile and, when asked,
 * deletes the local store (with SQLite's -wal and -shm files: drop the
 * context that has it open first). When the keyring fails the rest still
 * happens and the keyring's error is reported.
 */
void
calbook_account_sign_out_async (CalbookAccount      *self,
                                gboolean             delete_store,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CalbookSecretStore) secret_store = NULL;
  AccountTaskData *data;

  g_return_if_fail (CALBOOK_IS_ACCOUNT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = create_task (self, calbook_account_sign_out_async, cancellable, callback, user_data,
                      &data);
  data->delete_store = delete_store;

  secret_store = calbook_secret_store_new ();
  calbook_secret_store_clear_async (secret_store, self->base_url, cancellable,
                                    on_secret_cleared_cb, g_steal_pointer (&task));
}

/**
 * calbook_account_sign_out_finish:
 *
 * Returns: %TRUE when everything was removed
 */
gboolean
calbook_account_sign_out_finish (CalbookAccount  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        calbook_account_sign_out_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
set_role (CalbookAccount *self,
          CalbookRole     role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dup_accounts_path ();
  gboolean was_admin = calbook_account_is_admin (self);

  if (self->role == role)
    return;

  g_debug ("Role changed from %s to %s", role_to_string (self->role), role_to_string (role));
  self->role = role;

  /* The remembered profile follows, so the next start offline knows it */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !remember_profile (self, &error))
    g_warning ("Could not remember the new role: %s", error->message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
  if (was_admin != calbook_account_is_admin (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ADMIN]);
}

static void
on_refresh_probe_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;
  CalbookAccount *self = g_task_get_source_object (task);
  CalbookRole before = self->role;

  page = calbook_api_client_list_bookings_finish (CALBOOK_API_CLIENT (source), result, &error);
  if (page == NULL)
    {
      /* 403: no longer allowed to list the organization (demoted, or no
       * Admin API): a member, whatever the memberships say */
      if (!g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      set_role (self, CALBOOK_ROLE_MEMBER);
    }
  else if (!calbook_account_is_admin (self))
    {
      /* Promoted; ADMIN and OWNER may both list, only the sign-in tells them apart */
      set_role (self, CALBOOK_ROLE_ADMIN);
    }

  g_task_return_boolean (task, self->role != before);
}

/**
 * calbook_account_refresh_role_async:
 * @self: a #CalbookAccount
 * @client: a client with this account's key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks Cal.com again whether the user may list the organization's
 * bookings (the same probe as at sign-in), since a role changes on the
 * server without telling anyone. Outside an organization there is nothing
 * to ask.
 */
void
calbook_account_refresh_role_async (CalbookAccount      *self,
                                    CalbookApiClient    *client,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CalbookApiBookingQuery query = { 0, };

  g_return_if_fail (CALBOOK_IS_ACCOUNT (self));
  g_return_if_fail (CALBOOK_IS_API_CLIENT (client));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, calbook_account_refresh_role_async);

  if (self->organization_id <= 0)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  query.take = 1;
  calbook_api_client_list_bookings_async (client, self->organization_id, &query, cancellable,
                                          on_refresh_probe_cb, g_steal_pointer (&task));
}

/**
 * calbook_account_note_organization_refused:
 * @self: a #CalbookAccount
 *
 * Tells the account that Cal.com refused it the organization's bookings
 * (a 403 from GET /v2/organizations/{id}/bookings): the answer the role
 * probe takes for "a member" (demoted, or an organization without the
 * Admin API). From now on it is a member, so everything that decides the
 * scope by the role (the sync, the answers the outbox stores, the views)
 * keeps the same, own bookings only.
 */
void
calbook_account_note_organization_refused (CalbookAccount *self)
{
  g_return_if_fail (CALBOOK_IS_ACCOUNT (self));

  if (calbook_account_is_admin (self))
    set_role (self, CALBOOK_ROLE_MEMBER);
}

/**
 * calbook_account_refresh_role_finish:
 *
 * Returns: %TRUE when the role changed; %FALSE when it did not, or with
 *   @error set when Cal.com could not be asked
 */
gboolean
calbook_account_refresh_role_finish (CalbookAccount  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
calbook_account_get_base_url (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), NULL);
  return self->base_url;
}

gint64
calbook_account_get_user_id (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), 0);
  return self->user_id;
}

const char *
calbook_account_get_username (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), NULL);
  return self->username;
}

const char *
calbook_account_get_name (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), NULL);
  return self->name;
}

const char *
calbook_account_get_email (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), NULL);
  return self->email;
}

/**
 * calbook_account_get_time_zone:
 *
 * Returns: (nullable): the IANA zone of the Cal.com profile
 */
const char *
calbook_account_get_time_zone (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), NULL);
  return self->time_zone;
}

/**
 * calbook_account_get_organization_id:
 *
 * Returns: the organization id, or 0 outside an organization
 */
gint64
calbook_account_get_organization_id (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), 0);
  return self->organization_id;
}

CalbookRole
calbook_account_get_role (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), CALBOOK_ROLE_NONE);
  return self->role;
}

/**
 * calbook_account_is_admin:
 *
 * Returns: %TRUE for organization ADMINs and OWNERs
 */
gboolean
calbook_account_is_admin (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), FALSE);
  return self->role == CALBOOK_ROLE_ADMIN || self->role == CALBOOK_ROLE_OWNER;
}

/**
 * calbook_account_dup_store_path:
 *
 * Returns: (transfer full): the path of this account's local store
 */
char *
calbook_account_dup_store_path (CalbookAccount *self)
{
  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (self), NULL);
  return calbook_store_build_path (self->base_url, self->user_id);
}
