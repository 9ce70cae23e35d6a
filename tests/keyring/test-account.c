/* test-account.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing in, out and back: a sandbox (the Cal.com stand-in) in this
 * process over real HTTP, a real gnome-keyring-daemon on the session bus,
 * and a temporary XDG_DATA_HOME for the profile and the store.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calbook-account.h"
#include "calbook-error.h"
#include "calbook-sandbox.h"
#include "calbook-secret-store.h"
#include "calbook-store.h"

#include "keyring-test-util.h"

static char *data_dir;

typedef struct
{
  CalbookSandbox *sandbox;
  char           *url;
  char           *owner_key;
  char           *admin_key;
  char           *member_key;
  char           *owner_name;
  char           *admin_email;
} Fixture;

/* Auxiliary methods */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *info = NULL;
  JsonArray *accounts;

  fixture->sandbox = calbook_sandbox_new (7, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (calbook_sandbox_listen (fixture->sandbox, 0, &error));
  g_assert_no_error (error);
  fixture->url = g_strdup (calbook_sandbox_get_url (fixture->sandbox));

  /* Find one account of each role from what the sandbox says about itself */
  info = calbook_sandbox_dup_info_json (fixture->sandbox);
  g_assert_true (json_parser_load_from_data (parser, info, -1, &error));
  g_assert_no_error (error);
  accounts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);
      const char *role = json_object_get_string_member (account, "role");
      const char *key = json_object_get_string_member (account, "apiKey");

      if (g_strcmp0 (role, "OWNER") == 0 && fixture->owner_key == NULL)
        {
          fixture->owner_key = g_strdup (key);
          fixture->owner_name = g_strdup (json_object_get_string_member (account, "name"));
        }
      else if (g_strcmp0 (role, "ADMIN") == 0 && fixture->admin_key == NULL)
        {
          fixture->admin_key = g_strdup (key);
          fixture->admin_email = g_strdup (json_object_get_string_member (account, "email"));
        }
      else if (g_strcmp0 (role, "MEMBER") == 0 && fixture->member_key == NULL)
        fixture->member_key = g_strdup (key);
    }

  g_assert_nonnull (fixture->owner_key);
  g_assert_nonnull (fixture->admin_key);
  g_assert_nonnull (fixture->member_key);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  calbook_sandbox_shutdown (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_free (fixture->url);
  g_free (fixture->owner_key);
  g_free (fixture->admin_key);
  g_free (fixture->member_key);
  g_free (fixture->owner_name);
  g_free (fixture->admin_email);
}

static CalbookAccount *
connect_account (const char  *url,
                 const char  *key,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_account_connect_async (url, key, NULL, on_async_ready_cb, &result);
  return calbook_account_connect_finish (wait_for_result (&result), error);
}

static CalbookAccount *
sign_in (const char  *url,
         const char  *key,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_account_sign_in_async (url, key, NULL, on_async_ready_cb, &result);
  return calbook_account_sign_in_finish (wait_for_result (&result), error);
}

static gboolean
sign_out (CalbookAccount  *account,
          gboolean         delete_store,
          GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_account_sign_out_async (account, delete_store, NULL, on_async_ready_cb, &result);
  return calbook_account_sign_out_finish (account, wait_for_result (&result), error);
}

static char *
lookup_key (const char *url)
{
  g_autoptr(CalbookSecretStore) store = calbook_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  calbook_secret_store_lookup_async (store, url, NULL, on_async_ready_cb, &result);
  key = calbook_secret_store_lookup_finish (store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  return key;
}

static char *
accounts_ini_path (void)
{
  return g_build_filename (data_dir, "calbook", "accounts.ini", NULL);
}

static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; needle_length <= length && i <= length - needle_length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* Every file under @dir that contains @needle */
static void
find_files_containing (const char *dir,
                       const char *needle,
                       GPtrArray  *found)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          find_files_containing (path, needle, found);
          continue;
        }

      if (g_file_get_contents (path, &contents, &length, NULL) &&
          contains_bytes (contents, length, needle))
        g_ptr_array_add (found, g_steal_pointer (&path));
    }
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
reset_data_dir (void)
{
  g_autofree char *calbook_dir = g_build_filename (data_dir, "calbook", NULL);

  remove_tree (calbook_dir);
}

/* Tests */

static void
test_new_from_me (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookAccount) solo = NULL;
  g_autoptr(CalbookAccount) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 user_id = 0;
  int role = -1;
  gboolean is_admin = FALSE;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\": 12.0, \"username\": \"ana\", \"email\": \"ana@example.com\", \"name\": \"Ana <b>Ädmin</b>\","
    " \"timeZone\": \"Europe/Berlin\", \"organizationId\": 3}", -1, &error));
  g_assert_no_error (error);
  account = calbook_account_new_from_me ("https://api.cal.com/v2/", json_node_get_object (json_parser_get_root (parser)),
                                         CALBOOK_ROLE_OWNER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (calbook_account_get_base_url (account), ==, "https://api.cal.com");
  g_assert_cmpint (calbook_account_get_user_id (account), ==, 12);
  g_assert_cmpstr (calbook_account_get_username (account), ==, "ana");
  g_assert_cmpstr (calbook_account_get_name (account), ==, "Ana <b>Ädmin</b>");
  g_assert_cmpstr (calbook_account_get_email (account), ==, "ana@example.com");
  g_assert_cmpstr (calbook_account_get_time_zone (account), ==, "Europe/Berlin");
  g_assert_cmpint (calbook_account_get_organization_id (account), ==, 3);
  g_assert_cmpint (calbook_account_get_role (account), ==, CALBOOK_ROLE_OWNER);
  g_assert_true (calbook_account_is_admin (account));

  g_object_get (account, "name", &name, "user-id", &user_id, "role", &role, "is-admin", &is_admin, NULL);
  g_assert_cmpstr (name, ==, "Ana <b>Ädmin</b>");
  g_assert_cmpint (user_id, ==, 12);
  g_assert_cmpint (role, ==, CALBOOK_ROLE_OWNER);
  g_assert_true (is_admin);

  /* No organization: no role, whatever was passed; a null name is "" */
  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\": 5, \"username\": \"solo\", \"email\": \"solo@example.com\", \"name\": null,"
    " \"timeZone\": \"UTC\", \"organizationId\": null}", -1, &error));
  solo = calbook_account_new_from_me ("https://api.cal.eu", json_node_get_object (json_parser_get_root (parser)),
                                      CALBOOK_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_account_get_role (solo), ==, CALBOOK_ROLE_NONE);
  g_assert_false (calbook_account_is_admin (solo));
  g_assert_cmpint (calbook_account_get_organization_id (solo), ==, 0);
  g_assert_cmpstr (calbook_account_get_name (solo), ==, "");

  /* Damaged profiles are refused with a message, not a crash */
  g_assert_true (json_parser_load_from_data (parser, "{\"id\": \"12\", \"email\": \"x@example.com\"}", -1, &error));
  bad = calbook_account_new_from_me ("https://api.cal.com", json_node_get_object (json_parser_get_root (parser)),
                                     CALBOOK_ROLE_NONE, &error);
  g_assert_null (bad);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_true (json_parser_load_from_data (parser, "{\"id\": 1.5}", -1, &error));
  bad = calbook_account_new_from_me ("https://api.cal.com", json_node_get_object (json_parser_get_root (parser)),
                                     CALBOOK_ROLE_NONE, &error);
  g_assert_null (bad);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_true (json_parser_load_from_data (parser, "{\"id\": 3, \"organizationId\": \"x\"}", -1, &error));
  bad = calbook_account_new_from_me ("https://api.cal.com", json_node_get_object (json_parser_get_root (parser)),
                                     CALBOOK_ROLE_NONE, &error);
  g_assert_null (bad);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE);
}

static void
test_connect_invalid_url (void)
{
  static const char * const urls[] = {
    "http://api.cal.com", "ftp://127.0.0.1", "not a url", "", "https://user:pw@api.cal.com",
  };
  g_autofree char *ini = accounts_ini_path ();

  reset_data_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CalbookAccount) account = sign_in (urls[i], "cal_test_whatever", &error);

      g_assert_null (account);
      g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_URL);
    }

  g_assert_false (g_file_test (ini, G_FILE_TEST_EXISTS));
}

static void
test_roles (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookAccount) owner = NULL;
  g_autoptr(CalbookAccount) admin = NULL;
  g_autoptr(CalbookAccount) member = NULL;
  g_autofree char *ini = accounts_ini_path ();
  g_autofree char *stored = NULL;

  reset_data_dir ();

  owner = connect_account (fixture->url, fixture->owner_key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_account_get_role (owner), ==, CALBOOK_ROLE_OWNER);
  g_assert_true (calbook_account_is_admin (owner));
  g_assert_cmpstr (calbook_account_get_name (owner), ==, fixture->owner_name);
  g_assert_cmpint (calbook_account_get_organization_id (owner), ==,
                   calbook_sandbox_get_organization_id (fixture->sandbox));
  g_assert_cmpint (calbook_account_get_user_id (owner), >, 0);
  g_assert_cmpstr (calbook_account_get_base_url (owner), ==, fixture->url);

  admin = connect_account (fixture->url, fixture->admin_key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_account_get_role (admin), ==, CALBOOK_ROLE_ADMIN);
  g_assert_true (calbook_account_is_admin (admin));
  g_assert_cmpstr (calbook_account_get_email (admin), ==, fixture->admin_email);

  member = connect_account (fixture->url, fixture->member_key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (calbook_account_get_role (member), ==, CALBOOK_ROLE_MEMBER);
  g_assert_false (calbook_account_is_admin (member));
  g_assert_cmpint (calbook_account_get_organization_id (member), ==,
                   calbook_sandbox_get_organization_id (fixture->sandbox));

  /* Connecting stores nothing */
  g_assert_false (g_file_test (ini, G_FILE_TEST_EXISTS));
  stored = lookup_key (fixture->url);
  g_assert_null (stored);
}

static void
test_bad_key (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookAccount) remembered = NULL;
  g_autofree char *ini = accounts_ini_path ();
  g_autofree char *stored = NULL;

  reset_data_dir ();

  account = connect_account (fixture->url, "cal_test_not_a_real_key", &error);
  g_assert_null (account);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  account = sign_in (fixture->url, "cal_test_not_a_real_key", &error);
  g_assert_null (account);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* Nothing was stored anywhere */
  g_assert_false (g_file_test (ini, G_FILE_TEST_EXISTS));
  stored = lookup_key (fixture->url);
  g_assert_null (stored);
  remembered = calbook_account_load_remembered (fixture->url, &error);
  g_assert_no_error (error);
  g_assert_null (remembered);
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(CalbookAccount) account = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was just free and is closed again: connection refused */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  account = connect_account (url, "cal_test_whatever", &error);
  g_assert_null (account);
  g_assert_error (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NETWORK);
}

static void
test_sign_in_remembers_without_key (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookAccount) remembered = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(GPtrArray) leaks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ini = accounts_ini_path ();
  g_autofree char *stored = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *calbook_dir = g_build_filename (data_dir, "calbook", NULL);
  GStatBuf st;

  reset_data_dir ();

  /* The URL as a person may type it: a final "/v2/" */
  {
    g_autofree char *typed = g_strdup_printf ("%s/v2/", fixture->url);

    account = sign_in (typed, fixture->admin_key, &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (calbook_account_get_base_url (account), ==, fixture->url);
  g_assert_cmpint (calbook_account_get_role (account), ==, CALBOOK_ROLE_ADMIN);

  stored = lookup_key (fixture->url);
  g_assert_cmpstr (stored, ==, fixture->admin_key);

  /* The profile file and its folder are private */
  g_assert_cmpint (g_stat (ini, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (calbook_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  remembered = calbook_account_load_remembered (fixture->url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remembered);
  g_assert_cmpstr (calbook_account_get_base_url (remembered), ==, calbook_account_get_base_url (account));
  g_assert_cmpint (calbook_account_get_user_id (remembered), ==, calbook_account_get_user_id (account));
  g_assert_cmpstr (calbook_account_get_username (remembered), ==, calbook_account_get_username (account));
  g_assert_cmpstr (calbook_account_get_name (remembered), ==, calbook_account_get_name (account));
  g_assert_cmpstr (calbook_account_get_email (remembered), ==, calbook_account_get_email (account));
  g_assert_cmpstr (calbook_account_get_time_zone (remembered), ==, calbook_account_get_time_zone (account));
  g_assert_cmpint (calbook_account_get_organization_id (remembered), ==,
                   calbook_account_get_organization_id (account));
  g_assert_cmpint (calbook_account_get_role (remembered), ==, CALBOOK_ROLE_ADMIN);

  /* The same URL written differently finds the same profile */
  {
    g_autofree char *slash = g_strdup_printf ("%s/", fixture->url);
    g_autoptr(CalbookAccount) again = calbook_account_load_remembered (slash, &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
  }

  /* A store made for the account sits in the same private folder */
  store_path = calbook_account_dup_store_path (account);
  g_assert_true (g_str_has_prefix (store_path, calbook_dir));
  store = calbook_store_open (store_path, &error);
  g_assert_no_error (error);
  g_assert_true (calbook_store_set_state (store, "profile-email",
                                          calbook_account_get_email (account), &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The key is in the keyring and in no file of ours */
  find_files_containing (data_dir, fixture->admin_key, leaks);
  for (guint i = 0; i < leaks->len; i++)
    g_test_message ("API key found in %s", (char *) g_ptr_array_index (leaks, i));
  g_assert_cmpuint (leaks->len, ==, 0);
  /* ... while the scan does find what is there */
  find_files_containing (data_dir, calbook_account_get_email (account), leaks);
  g_assert_cmpuint (leaks->len, >=, 1);

  g_assert_true (sign_out (account, TRUE, &error));
  g_assert_no_error (error);
}

static void
test_load_remembered_none_and_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookAccount) none = NULL;
  g_autoptr(CalbookAccount) damaged = NULL;
  g_autofree char *ini = accounts_ini_path ();
  g_autofree char *dir = g_path_get_dirname (ini);
  g_autofree char *after = NULL;
  const char *garbage = "\x01\x02 not [an ini file\n=== \xff\xfe";

  reset_data_dir ();

  none = calbook_account_load_remembered ("https://api.cal.com", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ini, garbage, -1, &error));
  g_assert_no_error (error);

  damaged = calbook_account_load_remembered ("https://api.cal.com", &error);
  g_assert_null (damaged);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "accounts.ini"));
  g_test_message ("damaged: %s", error->message);

  /* Reading left the file as it was */
  g_assert_true (g_file_get_contents (ini, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, garbage);

  /* A profile for a base URL that is missing its user id */
  g_assert_true (g_file_set_contents (ini, "[https://api.cal.com]\nname=Ana\n", -1, NULL));
  g_clear_error (&error);
  damaged = calbook_account_load_remembered ("https://api.cal.com", &error);
  g_assert_null (damaged);
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
}

static void
test_sign_in_over_damaged_file (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookAccount) remembered = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *ini = accounts_ini_path ();
  g_autofree char *calbook_dir = g_path_get_dirname (ini);
  const char *garbage = "[unterminated\n\xff";
  const char *name;
  gboolean kept = FALSE;

  reset_data_dir ();
  g_assert_cmpint (g_mkdir_with_parents (calbook_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ini, garbage, -1, NULL));

  g_test_expect_message ("calbook-account", G_LOG_LEVEL_WARNING, "*accounts.ini is damaged*");
  account = sign_in (fixture->url, fixture->member_key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_test_assert_expected_messages ();

  remembered = calbook_account_load_remembered (fixture->url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remembered);
  g_assert_cmpint (calbook_account_get_role (remembered), ==, CALBOOK_ROLE_MEMBER);

  /* The damaged file was kept aside, not thrown away */
  dir = g_dir_open (calbook_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "accounts.ini.damaged-"))
        {
          g_autofree char *path = g_build_filename (calbook_dir, name, NULL);
          g_autofree char *contents = NULL;

          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, garbage);
          kept = TRUE;
        }
    }
  g_assert_true (kept);

  g_assert_true (sign_out (account, TRUE, &error));
  g_assert_no_error (error);
}

static void
touch (const char *path)
{
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

static void
test_sign_out (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CalbookAccount) account = NULL;
  g_autoptr(CalbookAccount) again = NULL;
  g_autoptr(CalbookAccount) other = NULL;
  g_autoptr(CalbookAccount) gone = NULL;
  g_autoptr(CalbookAccount) other_remembered = NULL;
  g_autoptr(CalbookStore) store = NULL;
  g_autoptr(CalbookSandbox) second = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *key = NULL;
  g_autofree char *other_key = NULL;
  g_autofree char *second_key = NULL;
  const char *second_url;

  reset_data_dir ();

  /* A second server (base URL) signed in at the same time must be left alone */
  second = calbook_sandbox_new (8, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (calbook_sandbox_listen (second, 0, &error));
  second_url = calbook_sandbox_get_url (second);
  {
    g_autofree char *info = calbook_sandbox_dup_info_json (second);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *accounts;

    g_assert_true (json_parser_load_from_data (parser, info, -1, NULL));
    accounts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                             "accounts");
    second_key = g_strdup (json_object_get_string_member (json_array_get_object_element (accounts, 0),
                                                          "apiKey"));
  }
  other = sign_in (second_url, second_key, &error);
  g_assert_no_error (error);

  /* Sign out, keeping the store */
  account = sign_in (fixture->url, fixture->owner_key, &error);
  g_assert_no_error (error);
  store_path = calbook_account_dup_store_path (account);
  store = calbook_store_open (store_path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_test (store_path, G_FILE_TEST_EXISTS));

  g_assert_true (sign_out (account, FALSE, &error));
  g_assert_no_error (error);
  key = lookup_key (fixture->url);
  g_assert_null (key);
  gone = calbook_account_load_remembered (fixture->url, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  g_assert_true (g_file_test (store_path, G_FILE_TEST_EXISTS));

  /* Signing out twice is fine */
  g_assert_true (sign_out (account, FALSE, &error));
  g_assert_no_error (error);

  /* Sign in again, then out deleting the store and SQLite's side files */
  again = sign_in (fixture->url, fixture->owner_key, &error);
  g_assert_no_error (error);
  wal = g_strconcat (store_path, "-wal", NULL);
  shm = g_strconcat (store_path, "-shm", NULL);
  touch (wal);
  touch (shm);

  g_assert_true (sign_out (again, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (store_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_clear_pointer (&key, g_free);
  key = lookup_key (fixture->url);
  g_assert_null (key);

  /* The other server's key and profile are still there */
  other_key = lookup_key (second_url);
  g_assert_cmpstr (other_key, ==, second_key);
  other_remembered = calbook_account_load_remembered (second_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other_remembered);
  g_assert_cmpint (calbook_account_get_user_id (other_remembered), ==, calbook_account_get_user_id (other));

  /* An IPv6 loopback base URL has brackets, which key files don't allow
   * in group names: looking it up and signing it out still work */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(CalbookAccount) ipv6 = NULL;
    g_autoptr(CalbookAccount) none = NULL;
    g_autoptr(CalbookAccount) still = NULL;

    g_assert_true (json_parser_load_from_data (parser, "{\"id\": 9, \"email\": \"v6@example.com\"}",
                                               -1, NULL));
    ipv6 = calbook_account_new_from_me ("http://[::1]:8080",
                                        json_node_get_object (json_parser_get_root (parser)),
                                        CALBOOK_ROLE_NONE, &error);
    g_assert_no_error (error);
    none = calbook_account_load_remembered ("http://[::1]:8080", &error);
    g_assert_no_error (error);
    g_assert_null (none);
    g_assert_true (sign_out (ipv6, FALSE, &error));
    g_assert_no_error (error);

    still = calbook_account_load_remembered (second_url, &error);
    g_assert_no_error (error);
    g_assert_nonnull (still);
  }

  g_assert_true (sign_out (other, TRUE, &error));
  g_assert_no_error (error);
  calbook_sandbox_shutdown (second);
}

static void
test_sign_in_without_keyring (Fixture       *fixture,
                              gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(GError) error = NULL;
      g_autoptr(CalbookAccount) account = NULL;
      g_autoptr(CalbookAccount) remembered = NULL;

      reset_data_dir ();
      g_test_dbus_up (bus);

      account = sign_in (fixture->url, fixture->admin_key, &error);
      g_assert_null (account);
      g_assert_error (error, CALBOOK_SECRET_ERROR, CALBOOK_SECRET_ERROR_NO_KEYRING);
      g_clear_error (&error);

      /* Never a fallback: no profile left behind either */
      remembered = calbook_account_load_remembered (fixture->url, &error);
      g_assert_no_error (error);
      g_assert_null (remembered);

      secret_service_disconnect ();
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *why = NULL;
  int ret;

  /* Before anything asks GLib for the data folder: the profile and the
   * store go to a folder of this run only. A subprocess gets its parent's. */
  data_dir = g_strdup (g_getenv ("CALBOOK_TEST_DATA_DIR"));
  if (data_dir == NULL)
    {
      data_dir = g_dir_make_tmp ("calbook-account-XXXXXX", NULL);
      g_setenv ("CALBOOK_TEST_DATA_DIR", data_dir, TRUE);
    }
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_get_user_data_dir (), ==, data_dir);

  if (!g_test_subprocess () && !have_secret_service (&why))
    {
      g_printerr ("SKIP: %s\n", why);
      remove_tree (data_dir);
      return 77;
    }

  g_test_add_func ("/keyring/account/new-from-me", test_new_from_me);
  g_test_add_func ("/keyring/account/connect-invalid-url", test_connect_invalid_url);
  g_test_add_func ("/keyring/account/unreachable", test_unreachable);
  g_test_add_func ("/keyring/account/load-remembered-none-and-damaged",
                   test_load_remembered_none_and_damaged);
  g_test_add ("/keyring/account/roles", Fixture, NULL,
              fixture_set_up, test_roles, fixture_tear_down);
  g_test_add ("/keyring/account/bad-key", Fixture, NULL,
              fixture_set_up, test_bad_key, fixture_tear_down);
  g_test_add ("/keyring/account/sign-in-remembers-without-key", Fixture, NULL,
              fixture_set_up, test_sign_in_remembers_without_key, fixture_tear_down);
  g_test_add ("/keyring/account/sign-in-over-damaged-file", Fixture, NULL,
              fixture_set_up, test_sign_in_over_damaged_file, fixture_tear_down);
  g_test_add ("/keyring/account/sign-out", Fixture, NULL,
              fixture_set_up, test_sign_out, fixture_tear_down);
  g_test_add ("/keyring/account/sign-in-without-keyring", Fixture, NULL,
              fixture_set_up, test_sign_in_without_keyring, fixture_tear_down);

  ret = g_test_run ();

  if (!g_test_subprocess ())
    remove_tree (data_dir);

  return ret;
}
