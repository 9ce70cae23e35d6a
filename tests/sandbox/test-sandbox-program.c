/* test-sandbox-program.c: the calbook-sandbox program, and a large data set
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "sandbox-test-util.h"

static const char *sandbox_exe;

typedef struct
{
  GSubprocess *process;
  JsonObject  *info;
  SoupSession *session;
} Program;

/* Auxiliary methods */

static Program *
program_start (const char *first_arg,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;
  Program *program = g_new0 (Program, 1);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) sandbox_exe);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  program->process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (program->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);

  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  program->info = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  program->session = soup_session_new ();

  return program;
}

static void
program_stop (Program *program)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (program->process, SIGTERM);
  g_assert_true (g_subprocess_wait_check (program->process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (program->process));
  g_assert_cmpint (g_subprocess_get_exit_status (program->process), ==, 0);

  g_object_unref (program->process);
  g_object_unref (program->session);
  json_object_unref (program->info);
  g_free (program);
}

static const char *
program_key (Program    *program,
             const char *role)
{
  JsonArray *accounts = json_object_get_array_member (program->info, "accounts");

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);

      if (g_str_equal (json_object_get_string_member (account, "role"), role))
        return json_object_get_string_member (account, "apiKey");
    }

  g_assert_not_reached ();
}

static guint
program_request (Program     *program,
                 const char  *method,
                 const char  *path,
                 const char  *key,
                 const char  *body,
                 JsonNode   **out_json)
{
  g_autofree char *uri = g_strconcat (json_object_get_string_member (program->info, "url"), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "cal-api-version", V_BOOKINGS);
  if (key != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", key);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (program->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (out_json != NULL)
    *out_json = json_from_string (g_bytes_get_data (bytes, NULL) != NULL ? g_bytes_get_data (bytes, NULL) : "", NULL);

  return soup_message_get_status (msg);
}

static char *
run_and_capture (const char * const  *argv,
                 gboolean            *out_success)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  *out_success = g_subprocess_get_successful (process);

  return g_strconcat (out != NULL ? out : "", err != NULL ? err : "", NULL);
}

/* Tests */

static void
test_info_line (void)
{
  Program *program = program_start ("--port", "0", "--seed", "5", NULL);
  g_autoptr(GRegex) url_re = g_regex_new ("^http://127\\.0\\.0\\.1:[0-9]+$", 0, 0, NULL);
  JsonArray *accounts = json_object_get_array_member (program->info, "accounts");
  g_autoptr(JsonNode) me = NULL;
  gboolean non_ascii = FALSE;
  guint owners = 0, admins = 0, members = 0;

  g_assert_true (g_regex_match (url_re, json_object_get_string_member (program->info, "url"), 0, NULL));
  g_assert_cmpint (json_object_get_int_member (program->info, "organizationId"), ==, 7001);
  g_assert_cmpint (json_array_get_length (accounts), >=, 5);
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);
      const char *role = json_object_get_string_member (account, "role");

      g_assert_true (g_str_has_prefix (json_object_get_string_member (account, "apiKey"), "cal_test_"));
      g_assert_nonnull (strchr (json_object_get_string_member (account, "email"), '@'));
      g_assert_nonnull (json_object_get_string_member (account, "username"));
      non_ascii |= !g_str_is_ascii (json_object_get_string_member (account, "name"));
      owners += g_str_equal (role, "OWNER");
      admins += g_str_equal (role, "ADMIN");
      members += g_str_equal (role, "MEMBER");
    }
  g_assert_true (non_ascii);
  g_assert_cmpuint (owners, ==, 1);
  g_assert_cmpuint (admins, >=, 1);
  g_assert_cmpuint (members, >=, 3);

  g_assert_cmpuint (program_request (program, "GET", "/v2/me", program_key (program, "ADMIN"), NULL, &me), ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (me), "data"), "organizationId"), ==, 7001);

  program_stop (program);
}

static void
test_help_and_errors (void)
{
  const char *help_argv[] = { sandbox_exe, "--help", NULL };
  const char *bad_faults[] = { sandbox_exe, "--port", "0", "--faults", "nonsense=1", NULL };
  const char *no_port[] = { sandbox_exe, NULL };
  g_autofree char *help = NULL;
  g_autofree char *faults = NULL;
  g_autofree char *port = NULL;
  gboolean success;

  help = run_and_capture (help_argv, &success);
  g_assert_true (success);
  g_assert_nonnull (strstr (help, "--faults"));
  g_assert_nonnull (strstr (help, "--rate-limit"));
  g_assert_nonnull (strstr (help, "slow=P:MS"));
  g_assert_nonnull (strstr (help, "malformed"));

  faults = run_and_capture (bad_faults, &success);
  g_assert_false (success);
  g_assert_nonnull (strstr (faults, "nonsense"));

  port = run_and_capture (no_port, &success);
  g_assert_false (success);
}

static void
test_program_faults (void)
{
  Program *program = program_start ("--port", "0", "--faults", "500=1,seed=3", "--rate-limit", "0", NULL);
  g_autoptr(JsonNode) reply = NULL;

  g_assert_cmpuint (program_request (program, "GET", "/v2/me", program_key (program, "OWNER"), NULL, &reply), ==, 500);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (reply), "error"), "code"),
                   ==, "InternalServerErrorException");

  program_stop (program);
}

static void
test_db_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("calbook-sandbox-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "sandbox.sqlite3", NULL);
  g_autofree char *key = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  Program *program;

  g_assert_no_error (error);

  program = program_start ("--port", "0", "--seed", "5", "--db", db, NULL);
  key = g_strdup (program_key (program, "ADMIN"));
  {
    g_autoptr(JsonNode) created = NULL;

    g_assert_cmpuint (program_request (program, "POST", "/v2/bookings", NULL,
                                       "{\"start\":\"2031-01-06T09:00:00Z\",\"eventTypeId\":1021,"
                                       "\"attendee\":{\"name\":\"Kept\",\"email\":\"kept@example.com\",\"timeZone\":\"UTC\"}}",
                                       &created), ==, 201);
    uid = g_strdup (json_object_get_string_member (json_object_get_object_member (json_node_get_object (created), "data"), "uid"));
  }
  program_stop (program);

  /* A second run keeps the data and the keys, whatever its seed */
  program = program_start ("--port", "0", "--seed", "6", "--db", db, NULL);
  g_assert_cmpstr (program_key (program, "ADMIN"), ==, key);
  path = g_strdup_printf ("/v2/bookings/%s", uid);
  g_assert_cmpuint (program_request (program, "GET", path, NULL, NULL, NULL), ==, 200);
  program_stop (program);

  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static void
test_large (void)
{
  gint64 begin = g_get_monotonic_time ();
  double cpu_begin = cpu_seconds ();
  g_autoptr(SandboxFixture) fixture = sandbox_fixture_new (1, 100000);
  /* CPU time, so that a loaded build machine does not fail the test;
   * the wall time is logged */
  double seconds = cpu_seconds () - cpu_begin;
  double wall = (double) (g_get_monotonic_time () - begin) / G_USEC_PER_SEC;
  const char *admin = sandbox_fixture_key (fixture, "sofia.rossi");
  g_autoptr(SandboxReply) first = NULL;
  g_autoptr(SandboxReply) last = NULL;
  g_autoptr(SandboxReply) upcoming = NULL;
  JsonObject *pagination;

  g_test_message ("Seeded 100,000 bookings in %.2f s CPU, %.2f s wall", seconds, wall);
  g_assert_cmpfloat (seconds, <, 10.0);

  first = sandbox_request (fixture, "GET", "/v2/bookings?take=250", admin, V_BOOKINGS, NULL);
  pagination = json_object_get_object_member (sandbox_reply_object (first), "pagination");
  g_assert_cmpint (json_object_get_int_member (pagination, "totalItems"), ==, 100000);
  g_assert_cmpint (json_object_get_int_member (pagination, "totalPages"), ==, 400);
  g_assert_cmpint (json_array_get_length (sandbox_reply_data_array (first)), ==, 250);

  last = sandbox_request (fixture, "GET", "/v2/bookings?take=250&skip=99990", admin, V_BOOKINGS, NULL);
  g_assert_cmpint (json_array_get_length (sandbox_reply_data_array (last)), ==, 10);
  pagination = json_object_get_object_member (sandbox_reply_object (last), "pagination");
  g_assert_false (json_object_get_boolean_member (pagination, "hasNextPage"));
  g_assert_cmpint (json_object_get_int_member (pagination, "currentPage"), ==, 400);

  upcoming = sandbox_request (fixture, "GET", "/v2/bookings?status=upcoming&take=250",
                              sandbox_fixture_key (fixture, "zoe.odegaard"), V_BOOKINGS, NULL);
  g_assert_cmpint (json_array_get_length (sandbox_reply_data_array (upcoming)), ==, 250);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* meson passes the program's path as the one remaining argument */
  sandbox_exe = argc > 1 ? argv[1] : g_getenv ("CALBOOK_SANDBOX_EXE");
  if (sandbox_exe == NULL)
    {
      g_printerr ("Usage: %s PATH-TO-calbook-sandbox\n", argv[0]);
      return 1;
    }

  g_test_add_func ("/sandbox/program/info-line", test_info_line);
  g_test_add_func ("/sandbox/program/help-and-errors", test_help_and_errors);
  g_test_add_func ("/sandbox/program/faults", test_program_faults);
  g_test_add_func ("/sandbox/program/db-file", test_db_file);
  g_test_add_func ("/sandbox/program/large", test_large);

  return g_test_run ();
}
