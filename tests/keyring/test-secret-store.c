/* test-secret-store.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Talks to a real Secret Service (gnome-keyring-daemon in a private D-Bus
 * session). Every base URL is unique to this run, so nothing already in
 * the keyring is read or changed.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libsecret/secret.h>

#include "calbook-error.h"
#include "calbook-secret-store.h"

#include "keyring-test-util.h"

static char *run_tag;

static char *
make_base_url (const char *name)
{
  return g_strdup_printf ("https://%s-%s.calbook-test.invalid", name, run_tag);
}

static gboolean
store_key (CalbookSecretStore *store,
           const char         *base_url,
           const char         *key,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_secret_store_store_async (store, base_url, key, NULL, on_async_ready_cb, &result);
  return calbook_secret_store_store_finish (store, wait_for_result (&result), error);
}

static char *
lookup_key (CalbookSecretStore *store,
            const char         *base_url,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_secret_store_lookup_async (store, base_url, NULL, on_async_ready_cb, &result);
  return calbook_secret_store_lookup_finish (store, wait_for_result (&result), error);
}

static gboolean
clear_key (CalbookSecretStore *store,
           const char         *base_url,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  calbook_secret_store_clear_async (store, base_url, NULL, on_async_ready_cb, &result);
  return calbook_secret_store_clear_finish (store, wait_for_result (&result), error);
}

static void
test_round_trip (void)
{
  g_autoptr(CalbookSecretStore) store = calbook_secret_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = make_base_url ("round-trip");
  g_autofree char *found = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *after_clear = NULL;
  gboolean stored;

  stored = store_key (store, base_url, "cal_test_round_trip_1", &error);
  g_assert_no_error (error);
  g_assert_true (stored);

  found = lookup_key (store, base_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "cal_test_round_trip_1");

  /* Storing again replaces the key instead of adding a second item */
  g_assert_true (store_key (store, base_url, "cal_test_round_trip_2", &error));
  g_assert_no_error (error);
  replaced = lookup_key (store, base_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (replaced, ==, "cal_test_round_trip_2");

  g_assert_true (clear_key (store, base_url, &error));
  g_assert_no_error (error);

  after_clear = lookup_key (store, base_url, &error);
  g_assert_no_error (error);
  g_assert_null (after_clear);

  /* Clearing what is not there is not an error */
  g_assert_true (clear_key (store, base_url, &error));
  g_assert_no_error (error);
}

static void
test_lookup_nothing (void)
{
  g_autoptr(CalbookSecretStore) store = calbook_secret_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = make_base_url ("never-stored");
  g_autofree char *found = NULL;

  found = lookup_key (store, base_url, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_base_urls_do_not_mix (void)
{
  g_autoptr(CalbookSecretStore) store = calbook_secret_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cloud = make_base_url ("cloud");
  g_autofree char *eu = make_base_url ("eu");
  /* A prefix of another base URL must not match it either */
  g_autofree char *prefix = g_strndup (cloud, strlen (cloud) - 3);
  g_autofree char *cloud_key = NULL;
  g_autofree char *eu_key = NULL;
  g_autofree char *prefix_key = NULL;
  g_autofree char *cloud_after = NULL;
  g_autofree char *eu_after = NULL;

  g_assert_true (store_key (store, cloud, "cal_live_cloud", &error));
  g_assert_no_error (error);
  g_assert_true (store_key (store, eu, "cal_live_eu", &error));
  g_assert_no_error (error);

  cloud_key = lookup_key (store, cloud, &error);
  g_assert_no_error (error);
  eu_key = lookup_key (store, eu, &error);
  g_assert_no_error (error);
  prefix_key = lookup_key (store, prefix, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (cloud_key, ==, "cal_live_cloud");
  g_assert_cmpstr (eu_key, ==, "cal_live_eu");
  g_assert_null (prefix_key);

  /* Clearing one leaves the other */
  g_assert_true (clear_key (store, cloud, &error));
  g_assert_no_error (error);
  cloud_after = lookup_key (store, cloud, &error);
  g_assert_no_error (error);
  eu_after = lookup_key (store, eu, &error);
  g_assert_no_error (error);
  g_assert_null (cloud_after);
  g_assert_cmpstr (eu_after, ==, "cal_live_eu");

  g_assert_true (clear_key (store, eu, &error));
  g_assert_no_error (error);
}

static void
test_non_ascii_key_and_url (void)
{
  g_autoptr(CalbookSecretStore) store = calbook_secret_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = g_strdup_printf ("http://127.0.0.1:8%03u/ünïcödé/%s",
                                               g_random_int_range (0, 1000), run_tag);
  g_autofree char *found = NULL;

  g_assert_true (store_key (store, base_url, "cal_ключ_🔑", &error));
  g_assert_no_error (error);
  found = lookup_key (store, base_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "cal_ключ_🔑");
  g_assert_true (clear_key (store, base_url, &error));
  g_assert_no_error (error);
}

static void
assert_no_keyring_everywhere (void)
{
  g_autoptr(CalbookSecretStore) store = calbook_secret_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_false (store_key (store, "https://api.cal.com", "cal_test_nowhere", &error));
  g_assert_error (error, CALBOOK_SECRET_ERROR, CALBOOK_SECRET_ERROR_NO_KEYRING);
  g_assert_nonnull (strstr (error->message, "No keyring is available"));
  g_clear_error (&error);

  found = lookup_key (store, "https://api.cal.com", &error);
  g_assert_null (found);
  g_assert_error (error, CALBOOK_SECRET_ERROR, CALBOOK_SECRET_ERROR_NO_KEYRING);
  g_clear_error (&error);

  g_assert_false (clear_key (store, "https://api.cal.com", &error));
  g_assert_error (error, CALBOOK_SECRET_ERROR, CALBOOK_SECRET_ERROR_NO_KEYRING);
}

static void
test_no_keyring_on_bus (void)
{
  if (g_test_subprocess ())
    {
      /* A private bus with no service files: nobody provides org.freedesktop.secrets.
       * This runs in a fresh process because libsecret keeps one service per process. */
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);

      g_test_dbus_up (bus);
      assert_no_keyring_everywhere ();
      /* libsecret holds the bus connection; let go of it so the bus can stop */
      secret_service_disconnect ();
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_bus_at_all (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("calbook-nobus-XXXXXX", NULL);
      g_autofree char *address = g_strdup_printf ("unix:path=%s/no-such-socket", dir);

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_no_keyring_everywhere ();
      g_rmdir (dir);
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

  g_test_init (&argc, &argv, NULL);

  /* The subprocess tests set up their own bus */
  if (!g_test_subprocess () && !have_secret_service (&why))
    {
      g_printerr ("SKIP: %s\n", why);
      return 77;
    }

  run_tag = g_strdup_printf ("%08x%08x", g_random_int (), (guint) getpid ());

  g_test_add_func ("/keyring/secret-store/round-trip", test_round_trip);
  g_test_add_func ("/keyring/secret-store/lookup-nothing", test_lookup_nothing);
  g_test_add_func ("/keyring/secret-store/base-urls-do-not-mix", test_base_urls_do_not_mix);
  g_test_add_func ("/keyring/secret-store/non-ascii", test_non_ascii_key_and_url);
  g_test_add_func ("/keyring/secret-store/no-keyring-on-bus", test_no_keyring_on_bus);
  g_test_add_func ("/keyring/secret-store/no-bus-at-all", test_no_bus_at_all);

  return g_test_run ();
}
