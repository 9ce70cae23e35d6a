/* calbook-sandbox-main.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>

#include "calbook-sandbox.h"
#include "calbook-sandbox-faults.h"

/* Callbacks */

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(CalbookSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *faults = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *info = NULL;
  gint64 seed = 1;
  int port = -1;
  int bookings = 0;
  int rate_limit = 120;
  gboolean shuffle_ties = FALSE;
  gboolean stable_ties = FALSE;
  gboolean demo = FALSE;
  gboolean no_admin_api = FALSE;
  double churn = 0;
  double churn_per_request = 0;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 to listen on (0 = any free port)", "N" },
    { "bookings", 0, 0, G_OPTION_ARG_INT, &bookings, "Random bookings to seed (0 = the curated edge-case test set)", "N" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Serve the demo practice instead of a test set", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the data, keys and faults (default 1)", "S" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit, "Requests per minute per key (0 = off, default 120)", "N" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults, "Inject faults, see below", "SPEC" },
    { "stable-ties", 0, 0, G_OPTION_ARG_NONE, &stable_ties, "Break ties on the sort key by id (Cal.com does not: by default their order changes)", NULL },
    /* The default now; kept so that older command lines still work */
    { "shuffle-ties", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &shuffle_ties, NULL, NULL },
    { "churn", 0, 0, G_OPTION_ARG_DOUBLE, &churn, "Edit random bookings (location, confirm, cancel) R times a second", "R" },
    { "churn-per-request", 0, 0, G_OPTION_ARG_DOUBLE, &churn_per_request, "Edit a random booking before a list page with chance P", "P" },
    { "no-admin-api", 0, 0, G_OPTION_ARG_NONE, &no_admin_api, "The organization has no Admin API access (its routes answer 403)", NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Keep the data in this SQLite file (reused if it exists)", "FILE" },
    { NULL }
  };

  option_context = g_option_context_new ("— a Cal.com API v2 stand-in for Calbook");
  g_option_context_add_main_entries (option_context, entries, NULL);
  g_option_context_set_description (option_context,
                                    "Prints one JSON line with the URL, organization id and the accounts'\n"
                                    "API keys, then serves until SIGINT or SIGTERM.\n\n"
                                    "Faults:\n" CALBOOK_SANDBOX_FAULTS_HELP "\n");
  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    {
      g_printerr ("calbook-sandbox: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (port < 0 || port > 65535 || bookings < 0 || rate_limit < 0 || churn < 0 ||
      churn_per_request < 0 || churn_per_request > 1)
    {
      g_printerr ("calbook-sandbox: --port N (0–65535) is required; counts and rates cannot be negative,"
                  " --churn-per-request is at most 1\n");
      return EXIT_FAILURE;
    }

  if (demo)
    sandbox = calbook_sandbox_new_demo ((guint64) seed, db_path, &error);
  else
    sandbox = calbook_sandbox_new ((guint64) seed, (guint) bookings, db_path, &error);
  if (sandbox == NULL ||
      !calbook_sandbox_set_faults (sandbox, faults, &error) ||
      !calbook_sandbox_listen (sandbox, (guint) port, &error))
    {
      g_printerr ("calbook-sandbox: %s\n", error->message);
      return EXIT_FAILURE;
    }
  calbook_sandbox_set_rate_limit (sandbox, (guint) rate_limit);
  calbook_sandbox_set_shuffle_ties (sandbox, shuffle_ties || !stable_ties);
  calbook_sandbox_set_churn (sandbox, churn, churn_per_request);
  calbook_sandbox_set_admin_api (sandbox, !no_admin_api);

  info = calbook_sandbox_dup_info_json (sandbox);
  printf ("%s\n", info);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_main_loop_run (loop);

  calbook_sandbox_shutdown (sandbox);
  return EXIT_SUCCESS;
}
