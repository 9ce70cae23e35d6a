/* api-test-util.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api-test-util.h"

static GString *captured_logs;
static GMutex captured_lock;

static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  g_mutex_lock (&captured_lock);
  for (gsize i = 0; i < n_fields; i++)
    {
      /* Every field, not only MESSAGE: a key in any of them would leak */
      g_string_append (captured_logs, fields[i].key);
      g_string_append_c (captured_logs, '=');
      if (fields[i].length < 0)
        g_string_append (captured_logs, fields[i].value);
      else
        g_string_append_len (captured_logs, fields[i].value, fields[i].length);
      g_string_append_c (captured_logs, ' ');
    }
  g_string_append_c (captured_logs, '\n');
  g_mutex_unlock (&captured_lock);

  /* Still show warnings and, with --verbose, everything */
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0 ||
      g_test_verbose ())
    return g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

void
api_test_capture_logs (void)
{
  captured_logs = g_string_new (NULL);

  /* Debug messages are dropped before reaching the writer unless enabled */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (capture_log_writer, NULL, NULL);
}

const char *
api_test_get_logs (void)
{
  return captured_logs->str;
}

guint
api_test_count_in_logs (const char *needle)
{
  guint count = 0;

  g_mutex_lock (&captured_lock);
  for (const char *p = strstr (captured_logs->str, needle); p != NULL; p = strstr (p + 1, needle))
    count++;
  g_mutex_unlock (&captured_lock);

  return count;
}

void
api_test_clear_logs (void)
{
  /* Kept for the final key check: only mark where a test starts */
  g_mutex_lock (&captured_lock);
  g_string_append (captured_logs, "\n--- test boundary ---\n");
  g_mutex_unlock (&captured_lock);
}

void
api_test_store_result_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

GAsyncResult *
api_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

guint32
api_test_get_seed (void)
{
  static guint32 seed;
  static gboolean initialized;

  if (!initialized)
    {
      const char *env = g_getenv ("CALBOOK_TEST_SEED");

      if (env != NULL && *env != '\0')
        seed = (guint32) g_ascii_strtoull (env, NULL, 10);
      else
        seed = g_random_int ();

      initialized = TRUE;
    }

  return seed;
}
