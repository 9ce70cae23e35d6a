/* test-soak.c: an admin and a member change bookings for a while through a
 * server that fails one request in five, and nothing is lost or doubled
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both run a real CalbookContext (store file, outbox, sync) against the
 * sandbox. 20 % of the requests fail: 5xx, dropped connections, and writes
 * applied whose answer is then lost (applied-drop/-502/-504). Then the
 * faults stop, both finish, and: every change was applied exactly once (the
 * sandbox's mutation log, by client request id), both outboxes are empty,
 * and both stores are what the server lists. CALBOOK_TEST_SEED replays a
 * run; CALBOOK_SOAK_SECONDS sets its length (default 100).
 */

#include "config.h"

#include "calbook-booking.h"
#include "calbook-context.h"
#include "calbook-error.h"
#include "sync-test-util.h"

#define MEMBER "zoe.odegaard"
#define ADMIN  "sofia.rossi"

#define FAULTS "500=0.04,502=0.03,504=0.02,drop=0.03,applied-drop=0.03,applied-502=0.03," \
               "applied-504=0.02"

typedef struct
{
  const char          *username;
  CalbookAccount      *account;
  CalbookContext      *context;
  CalbookApiClient    *client;   /* the test's own, for the server's view */
  gint64               org_id;   /* of what this person lists */
  GHashTable          *server;   /* uid → CalbookBooking: what may be changed */
  SyncTestChangeMaker  maker;
  GPtrArray           *request_ids;
  guint                n_failed;
} Actor;

typedef struct
{
  guint64         seed;
  guint           n_fault_runs;  /* each run of faults draws its own sequence */
  GRand          *rand;
  CalbookSandbox *sandbox;
  char           *dir;
  Actor           actors[2];
} Soak;

static void
on_mutation_failed_cb (CalbookContext     *context,
                       CalbookOutboxEntry *entry,
                       GError             *error,
                       Actor              *actor)
{
  actor->n_failed++;
  g_test_message ("%s: %s %s refused: %s", actor->username, entry->kind, entry->booking_uid,
                  error->message);
}

static void
set_faults (Soak       *soak,
            const char *spec)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = NULL;

  if (spec != NULL)
    full = g_strdup_printf ("%s,seed=%" G_GUINT64_FORMAT, spec, soak->seed + soak->n_fault_runs++);
  calbook_sandbox_set_faults (soak->sandbox, full, &error);
  g_assert_no_error (error);
}

static void
actor_open (Soak       *soak,
            Actor      *actor,
            const char *username,
            gboolean    admin)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s.sqlite3", soak->dir, username);

  actor->username = username;
  actor->account = sync_test_connect (soak->sandbox, username);
  actor->context = calbook_context_new (actor->account,
                                        calbook_sandbox_get_api_key (soak->sandbox, username),
                                        path, &error);
  g_assert_no_error (error);
  actor->client = sync_test_new_client (soak->sandbox, username);
  actor->org_id = admin ? calbook_sandbox_get_organization_id (soak->sandbox) : 0;
  actor->request_ids = g_ptr_array_new_with_free_func (g_free);
  sync_test_change_maker_init (&actor->maker, actor->client, soak->rand,
                               sync_test_own_event_type (actor->account));
  calbook_outbox_set_backoff_base (calbook_context_get_outbox (actor->context), 50);
  g_signal_connect (actor->context, "mutation-failed", G_CALLBACK (on_mutation_failed_cb), actor);

  g_assert_true (sync_test_run_sync (calbook_context_get_sync (actor->context), FALSE, &error));
  g_assert_no_error (error);
}

static void
actor_close (Actor *actor)
{
  g_signal_handlers_disconnect_by_data (actor->context, actor);
  g_clear_object (&actor->context);
  g_clear_object (&actor->account);
  g_clear_object (&actor->client);
  g_clear_pointer (&actor->server, g_hash_table_unref);
  g_clear_pointer (&actor->request_ids, g_ptr_array_unref);
  sync_test_change_maker_clear (&actor->maker);
}

/* Each keeps to bookings the other never touches: the member to those it
 * hosts, the admin to the rest of the organization */
static void
split_bookings (Soak *soak)
{
  Actor *admin = &soak->actors[0];
  Actor *member = &soak->actors[1];
  gint64 member_id = calbook_account_get_user_id (member->account);
  const char *member_email = calbook_account_get_email (member->account);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  admin->server = sync_test_list_server (admin->client, admin->org_id, &error);
  g_assert_no_error (error);
  member->server = sync_test_list_server (member->client, 0, &error);
  g_assert_no_error (error);

  g_hash_table_iter_init (&iter, member->server);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (!calbook_booking_has_host (value, member_id))
        g_hash_table_iter_remove (&iter);
    }

  g_hash_table_iter_init (&iter, admin->server);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (calbook_booking_involves_user (value, member_id, member_email))
        g_hash_table_iter_remove (&iter);
    }
}

static void
make_one_change (Soak  *soak,
                 Actor *actor)
{
  CalbookMutationKind kind = g_rand_int_range (soak->rand, 0, CALBOOK_MUTATION_N_KINDS);
  g_autofree char *request_id = g_uuid_string_random ();
  g_autofree char *uid = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  /* Slots are looked up as the dialogs do, while Cal.com answers */
  if (kind == CALBOOK_MUTATION_CREATE || kind == CALBOOK_MUTATION_RESCHEDULE)
    {
      set_faults (soak, NULL);
      body = sync_test_make_change (&actor->maker, actor->server, kind, request_id, &uid);
      set_faults (soak, FAULTS);
    }
  else
    {
      body = sync_test_make_change (&actor->maker, actor->server, kind, request_id, &uid);
    }
  if (body == NULL)
    return;

  g_assert_true (calbook_context_enqueue (actor->context, kind, uid, body, &id, &error));
  g_assert_no_error (error);

  /* The context gives each change its request id */
  entries = calbook_context_list_outbox (actor->context, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->id == id)
        g_ptr_array_add (actor->request_ids, g_strdup (entry->client_request_id));
    }
}

static guint
count_waiting (Actor *actor)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = calbook_context_list_outbox (actor->context, &error);
  g_assert_no_error (error);

  return entries->len;
}

static gboolean
is_idle (Actor *actor)
{
  gboolean syncing = TRUE;

  g_object_get (actor->context, "syncing", &syncing, NULL);

  return !syncing && !calbook_outbox_get_replaying (calbook_context_get_outbox (actor->context));
}

/* Without faults, both send what they still hold and sync */
static void
finish (Soak *soak)
{
  for (guint round = 0; round < 60; round++)
    {
      gboolean done = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (soak->actors); i++)
        {
          Actor *actor = &soak->actors[i];

          if (count_waiting (actor) > actor->n_failed || !is_idle (actor))
            done = FALSE;
          if (is_idle (actor))
            calbook_context_sync_now (actor->context, FALSE);
        }

      if (done && round > 0)
        break;
      sync_test_iterate_for (500);
    }

  for (guint i = 0; i < G_N_ELEMENTS (soak->actors); i++)
    {
      Actor *actor = &soak->actors[i];
      g_autoptr(GError) error = NULL;

      while (!is_idle (actor))
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (sync_test_run_sync (calbook_context_get_sync (actor->context), FALSE,
                                         &error));
      g_assert_no_error (error);
    }
}

static guint
check_actor (Soak  *soak,
             Actor *actor)
{
  g_autofree char *log = calbook_sandbox_dup_mutations_json (soak->sandbox, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *diff = NULL;
  JsonObject *by_id;

  json_parser_load_from_data (parser, log, -1, &error);
  g_assert_no_error (error);
  by_id = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "byRequestId");

  for (guint i = 0; i < actor->request_ids->len; i++)
    {
      const char *id = g_ptr_array_index (actor->request_ids, i);
      gint64 n = by_id != NULL && json_object_has_member (by_id, id)
               ? json_object_get_int_member (by_id, id) : 0;

      if (n != 1)
        g_error ("seed %" G_GUINT64_FORMAT ": %s's change %s was applied %" G_GINT64_FORMAT
                 " times", soak->seed, actor->username, id, n);
    }

  if (count_waiting (actor) != 0)
    g_error ("seed %" G_GUINT64_FORMAT ": %s's outbox still holds %u changes", soak->seed,
             actor->username, count_waiting (actor));

  server = sync_test_list_server (actor->client, actor->org_id, &error);
  g_assert_no_error (error);
  diff = sync_test_diff_store (calbook_context_get_store (actor->context), server);
  if (diff != NULL)
    g_error ("seed %" G_GUINT64_FORMAT ": %s's store is not the server:\n%s", soak->seed,
             actor->username, diff);

  return actor->request_ids->len;
}

static void
test_soak (void)
{
  Soak soak = { 0, };
  const char *seconds_text = g_getenv ("CALBOOK_SOAK_SECONDS");
  guint seconds = seconds_text != NULL ? (guint) g_ascii_strtoull (seconds_text, NULL, 10) : 100;
  gint64 end;
  guint n_changes = 0;
  guint n_ticks = 0;

  soak.seed = sync_test_get_seed ();
  soak.rand = g_rand_new_with_seed_array ((const guint32 *) &soak.seed, 2);
  soak.sandbox = sync_test_start_sandbox (soak.seed, 1500);
  soak.dir = sync_test_make_tmpdir ();
  g_test_message ("seed %" G_GUINT64_FORMAT " (replay with CALBOOK_TEST_SEED), %u s, faults %s",
                  soak.seed, seconds, FAULTS);

  actor_open (&soak, &soak.actors[0], ADMIN, TRUE);
  actor_open (&soak, &soak.actors[1], MEMBER, FALSE);
  split_bookings (&soak);
  calbook_sandbox_set_rate_limit (soak.sandbox, 0);
  set_faults (&soak, FAULTS);

  end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      Actor *actor = &soak.actors[g_rand_int_range (soak.rand, 0, 2)];

      make_one_change (&soak, actor);

      /* Now and then a sync, as the timer would start one */
      if (++n_ticks % 8 == 0)
        calbook_context_sync_now (soak.actors[g_rand_int_range (soak.rand, 0, 2)].context,
                                  FALSE);

      sync_test_iterate_for (g_rand_int_range (soak.rand, 50, 400));
    }

  set_faults (&soak, NULL);
  finish (&soak);

  for (guint i = 0; i < G_N_ELEMENTS (soak.actors); i++)
    {
      g_assert_cmpuint (soak.actors[i].n_failed, ==, 0);
      n_changes += check_actor (&soak, &soak.actors[i]);
    }
  g_assert_cmpuint (n_changes, >, 0);
  g_test_message ("%u changes by an admin and a member under 20 %% faults: each applied exactly "
                  "once, none lost, outboxes empty, stores equal to the server", n_changes);

  for (guint i = 0; i < G_N_ELEMENTS (soak.actors); i++)
    actor_close (&soak.actors[i]);
  g_clear_object (&soak.sandbox);
  g_rand_free (soak.rand);
  sync_test_remove_tree (soak.dir);
  g_free (soak.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/soak/admin-and-member-under-faults", test_soak);

  return g_test_run ();
}
