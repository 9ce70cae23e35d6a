/* sync-test-util.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-account.h"
#include "calbook-api-client.h"
#include "calbook-mutation.h"
#include "calbook-outbox.h"
#include "calbook-sandbox.h"
#include "calbook-store.h"
#include "calbook-sync.h"

G_BEGIN_DECLS

guint64           sync_test_get_seed             (void);
char             *sync_test_make_tmpdir          (void);
void              sync_test_remove_tree          (const char       *path);

CalbookSandbox   *sync_test_start_sandbox        (guint64           seed,
                                                  guint             n_bookings);
CalbookApiClient *sync_test_new_client           (CalbookSandbox   *sandbox,
                                                  const char       *username);
CalbookAccount   *sync_test_connect              (CalbookSandbox   *sandbox,
                                                  const char       *username);
const char       *sync_test_get_email            (const char       *username);

GAsyncResult     *sync_test_wait                 (GAsyncResult    **slot);
void              sync_test_iterate_for          (guint             ms);
void              sync_test_store_result_cb      (GObject          *object,
                                                  GAsyncResult     *result,
                                                  gpointer          user_data);

gboolean          sync_test_run_sync             (CalbookSync      *sync,
                                                  gboolean          full,
                                                  GError          **error);
gboolean          sync_test_replay               (CalbookOutbox    *outbox,
                                                  GError          **error);
JsonNode         *sync_test_mutate               (CalbookApiClient *client,
                                                  const char       *kind,
                                                  const char       *uid,
                                                  JsonObject       *body,
                                                  GError          **error);
GDateTime        *sync_test_find_slot            (CalbookApiClient *client,
                                                  gint64            event_type_id,
                                                  const char       *reschedule_uid,
                                                  guint             skip_slots);

/* uid → CalbookBooking: everything the server lists in that scope */
GHashTable       *sync_test_list_server          (CalbookApiClient *client,
                                                  gint64            org_id,
                                                  GError          **error);
char             *sync_test_summarize            (CalbookBooking   *booking);
/* NULL when the store holds exactly what the server listed, else the differences */
char             *sync_test_diff_store           (CalbookStore     *store,
                                                  GHashTable       *server);
typedef gboolean (*SyncTestBookingTest) (CalbookBooking *booking,
                                         gpointer        user_data);

CalbookBooking   *sync_test_pick_booking         (GRand            *rand,
                                                  GHashTable       *server,
                                                  SyncTestBookingTest accept,
                                                  gpointer          user_data);
char             *sync_test_random_server_change (CalbookApiClient *client,
                                                  GRand            *rand,
                                                  GHashTable       *server);
gboolean          sync_test_integrity_ok         (const char       *store_path);

/* The sandbox's "30 Minute Meeting" of the account's user (seeded per user) */
gint64            sync_test_own_event_type       (CalbookAccount   *account);
/* How often the sandbox applied the change sent with @request_id */
gint64            sync_test_count_applied        (CalbookSandbox   *sandbox,
                                                  const char       *request_id);

/* Makes valid changes of each kind, each on a booking no earlier one touched,
 * and new or moved bookings in slots no earlier one took */
typedef struct
{
  CalbookApiClient *client;        /* asks for free slots */
  GRand            *rand;
  gint64            event_type_id; /* of creates */
  GHashTable       *used;          /* uids already changed */
  GArray           *taken;         /* gint64 slot starts already used */
} SyncTestChangeMaker;

void              sync_test_change_maker_init    (SyncTestChangeMaker *maker,
                                                  CalbookApiClient    *client,
                                                  GRand               *rand,
                                                  gint64               event_type_id);
void              sync_test_change_maker_clear   (SyncTestChangeMaker *maker);
/* The body of one change of @kind on a booking of @server (its uid in @out_uid,
 * NULL for a create), or NULL when none fits */
JsonObject       *sync_test_make_change          (SyncTestChangeMaker *maker,
                                                  GHashTable          *server,
                                                  CalbookMutationKind  kind,
                                                  const char          *request_id,
                                                  char               **out_uid);

/* Calls a /_sandbox/ test hook over HTTP; @body is JSON text or NULL */
void              sync_test_hook                 (CalbookSandbox   *sandbox,
                                                  const char       *method,
                                                  const char       *path,
                                                  const char       *body);

/* A sandbox with @n_bookings, one person signed in, the store file the
 * sync writes and the main thread's connection to it */
typedef struct
{
  guint64           seed;
  char             *dir;
  char             *store_path;
  CalbookSandbox   *sandbox;
  CalbookAccount   *account;
  CalbookApiClient *client;
  CalbookSync      *sync;
  CalbookStore     *store;     /* the UI's connection, read on the main thread */
} SyncTestFixture;

/* The sandbox only, to set up before anyone signs in */
void              sync_test_fixture_prepare      (SyncTestFixture  *fixture,
                                                  guint             n_bookings);
void              sync_test_fixture_connect      (SyncTestFixture  *fixture,
                                                  const char       *username);
void              sync_test_fixture_open         (SyncTestFixture  *fixture,
                                                  guint             n_bookings,
                                                  const char       *username);
void              sync_test_fixture_close        (SyncTestFixture  *fixture);

G_END_DECLS
