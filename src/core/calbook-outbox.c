/* calbook-outbox.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-outbox"

#include <glib/gi18n-lib.h>

#include "calbook-change.h"
#include "calbook-error.h"
#include "calbook-json.h"
#include "calbook-mutation.h"
#include "calbook-outbox.h"
#include "calbook-store.h"

/* How long a change this app sent counts as "ours" when the sync sees it */
#define SELF_SENT_WINDOW_USEC (15 * G_TIME_SPAN_MINUTE)

/* A create whose answer was lost is looked for among the bookings of its
 * event type starting at its time (give or take the margin) and ending
 * within the longest a booking lasts */
#define CREATE_LOOKUP_MARGIN (60)
#define CREATE_LOOKUP_MAX_LENGTH (24 * 60 * 60)

/* ... and, without a readable slot, among those updated since this long
 * before it was made */
#define REQUEST_ID_LOOKBACK (7 * 24 * 60 * 60)

/* A booking moved more often than this between two replays is not followed */
#define MAX_MOVES 16

/* Waits between attempts of an entry Cal.com fails on: doubling from the
 * base (see calbook_outbox_set_backoff_base()), at most this */
#define BACKOFF_BASE_USEC (2 * G_USEC_PER_SEC)
#define BACKOFF_MAX_USEC (5 * 60 * G_USEC_PER_SEC)

struct _CalbookOutbox
{
  GObject           parent_instance;

  CalbookAccount   *account;
  CalbookApiClient *client;

  /* Used from worker threads only, one at a time */
  CalbookStore     *store;
  GMutex            store_lock;

  /* The running replay */
  GCancellable     *cancellable;
  GPtrArray        *tasks;
  GPtrArray        *next_tasks;
  gboolean          again;

  /* entry id → monotonic time before which it is not sent again */
  GHashTable       *backoff;
  gint64            backoff_base_usec;
  guint             retry_id;

  /* entry ids of creates sent again after a lookup that could not see
   * them (see check_create_in_sight()) */
  GHashTable       *unseen_creates;

  /* uid → monotonic time: bookings this app changed lately */
  GMutex            self_lock;
  GHashTable       *self_sent;

  gboolean          replaying;
  gboolean          online;
  char             *last_error;
};

G_DEFINE_FINAL_TYPE (CalbookOutbox, calbook_outbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPLAYING,
  PROP_ONLINE,
  PROP_LAST_ERROR,
  N_PROPS
};

enum {
  CHANGES,
  BOOKINGS_CHANGED,
  OUTBOX_CHANGED,
  MUTATION_APPLIED,
  MUTATION_FAILED,
  RETRY_DUE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void replay_step (CalbookOutbox      *self);
static void send_entry  (CalbookOutbox      *self,
                         CalbookOutboxEntry *entry);


/*
 * Auxiliary methods
 */

static void
set_boolean_prop (CalbookOutbox *self,
                  gboolean      *field,
                  gboolean       value,
                  int            prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_last_error (CalbookOutbox *self,
                const char    *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* Updates "online" from the outcome of a request: any HTTP answer means the
 * server was reached, only network and TLS failures mean it was not. */
static void
note_request_result (CalbookOutbox *self,
                     const GError  *error)
{
  if (error == NULL)
    set_boolean_prop (self, &self->online, TRUE, PROP_ONLINE);
  else if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NETWORK) ||
           g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_TLS))
    set_boolean_prop (self, &self->online, FALSE, PROP_ONLINE);
  else if (error->domain == CALBOOK_API_ERROR)
    set_boolean_prop (self, &self->online, TRUE, PROP_ONLINE);
}

static void
note_self_sent (CalbookOutbox *self,
                const char    *uid)
{
  gint64 *when;

  if (uid == NULL || *uid == '\0')
    return;

  when = g_new (gint64, 1);
  *when = g_get_monotonic_time ();

  g_mutex_lock (&self->self_lock);
  g_hash_table_insert (self->self_sent, g_strdup (uid), when);
  g_mutex_unlock (&self->self_lock);
}

static const CalbookPerson *
find_attendee (GPtrArray  *attendees,
               const char *email)
{
  for (guint i = 0; i < attendees->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (attendees, i);

      if (g_ascii_strcasecmp (person->email, email) == 0)
        return person;
    }

  return NULL;
}

static CalbookBooking *
get_stored_booking (CalbookStore  *store,
                    const char    *uid,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  CalbookBooking *booking;

  booking = calbook_store_get_booking (store, uid, &local_error);
  if (booking != NULL)
    return booking;

  if (local_error == NULL ||
      g_error_matches (local_error, CALBOOK_STORE_ERROR, CALBOOK_STORE_ERROR_NOT_FOUND))
    return NULL;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static void
add_booking_from_object (GPtrArray  *bookings,
                         JsonObject *object)
{
  g_autoptr(GError) error = NULL;
  CalbookBooking *booking;

  booking = calbook_booking_new_from_json (object, &error);
  if (booking == NULL)
    {
      g_warning ("Ignoring a booking Cal.com sent that could not be read: %s", error->message);
      return;
    }

  g_ptr_array_add (bookings, booking);
}

/* Parses a mutation's or lookup's `data` (an object, or an array for a recurring
 * series) into bookings; items that don't parse are skipped with a warning. */
static GPtrArray *
parse_bookings (JsonNode *node)
{
  GPtrArray *bookings = g_ptr_array_new_with_free_func (g_object_unref);

  if (node == NULL)
    return bookings;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      add_booking_from_object (bookings, json_node_get_object (node));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            add_booking_from_object (bookings, json_node_get_object (element));
        }
    }

  return bookings;
}

static CalbookBooking *
find_booking (GPtrArray  *bookings,
              const char *uid)
{
  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);

      if (g_strcmp0 (calbook_booking_get_uid (booking), uid) == 0)
        return booking;
    }

  return NULL;
}

static void
complete_tasks (GPtrArray    *tasks,
                const GError *error)
{
  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }

  g_ptr_array_set_size (tasks, 0);
}

/*
 * Replay (main thread, one entry at a time; store jobs in worker threads)
 */

/* Store jobs (worker threads) */

static void
list_entries_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CalbookOutbox *self = source_object;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  if (!calbook_store_ensure_sound (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  entries = calbook_store_outbox_list (self->store, &error);
  if (entries == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/* Marks the entry SENDING with one more attempt before it goes out, so that a
 * crash while it is in flight is noticed on the next start */
static void
mark_sending_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CalbookOutbox *self = source_object;
  CalbookOutboxEntry *entry = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);
  g_autoptr(GError) error = NULL;

  if (!calbook_store_ensure_sound (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  entry->state = CALBOOK_OUTBOX_STATE_SENDING;
  entry->attempts++;

  if (!calbook_store_outbox_update (self->store, entry, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

typedef struct
{
  CalbookOutboxEntry *entry;     /* booking_uid: the booking it was applied to */
  JsonNode           *data;      /* what Cal.com answered (or a lookup found) */
  gboolean            own_only;  /* keeps only the person's own bookings */
  GPtrArray          *bookings;  /* out: CalbookBooking, as stored */
  GPtrArray          *changes;   /* out */
} ApplyJob;

static void
apply_job_free (gpointer data)
{
  ApplyJob *job = data;

  g_clear_pointer (&job->entry, calbook_outbox_entry_free);
  g_clear_pointer (&job->data, json_node_unref);
  g_clear_pointer (&job->bookings, g_ptr_array_unref);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_free (job);
}

/* The old half of a move as Cal.com shows it; stamped with the new half's
 * time, since the store never replaces a row with an older one */
static CalbookBooking *
mark_rescheduled (CalbookBooking *old,
                  CalbookBooking *moved)
{
  g_autoptr(JsonObject) object = calbook_booking_to_json (old);
  g_autoptr(JsonObject) moved_object = calbook_booking_to_json (moved);

  json_object_set_string_member (object, "status", "cancelled");
  json_object_set_string_member (object, "rescheduledToUid", calbook_booking_get_uid (moved));
  json_object_set_boolean_member (object, "rescheduled", TRUE);
  if (calbook_booking_get_updated_at (moved) > calbook_booking_get_updated_at (old) &&
      json_object_has_member (moved_object, "updatedAt"))
    json_object_set_member (object, "updatedAt",
                            json_node_copy (json_object_get_member (moved_object, "updatedAt")));

  return calbook_booking_new_from_json (object, NULL);
}

static CalbookChangeKind
get_change_kind (const char *kind)
{
  if (g_str_equal (kind, "create"))
    return CALBOOK_CHANGE_CREATED;
  if (g_str_equal (kind, "reschedule"))
    return CALBOOK_CHANGE_RESCHEDULED;
  if (g_str_equal (kind, "cancel"))
    return CALBOOK_CHANGE_CANCELLED;
  if (g_str_equal (kind, "confirm"))
    return CALBOOK_CHANGE_CONFIRMED;
  if (g_str_equal (kind, "decline"))
    return CALBOOK_CHANGE_DECLINED;
  if (g_str_equal (kind, "mark-absent"))
    return CALBOOK_CHANGE_NO_SHOW;

  return CALBOOK_CHANGE_UPDATED;
}

/* Stores Cal.com's answer and removes the entry in one transaction */
static void
apply_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CalbookOutbox *self = source_object;
  ApplyJob *job = task_data;
  CalbookOutboxEntry *entry = job->entry;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);
  g_autoptr(GPtrArray) bookings = parse_bookings (job->data);
  g_autoptr(CalbookBooking) before = NULL;
  g_autoptr(GError) error = NULL;
  CalbookBooking *main_booking = NULL;
  gboolean is_reschedule = g_str_equal (entry->kind, "reschedule");

  job->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_change_free);

  if (!calbook_store_ensure_sound (self->store, &error))
    goto out;

  /* A member's store keeps only their own bookings, whatever the answer
   * holds (a booking made for a client on a colleague's event type) */
  if (job->own_only)
    {
      for (guint i = bookings->len; i > 0; i--)
        {
          if (!calbook_booking_involves_user (g_ptr_array_index (bookings, i - 1),
                                              calbook_account_get_user_id (self->account),
                                              calbook_account_get_email (self->account)))
            g_ptr_array_remove_index (bookings, i - 1);
        }
    }

  if (entry->booking_uid != NULL)
    {
      before = get_stored_booking (self->store, entry->booking_uid, &error);
      if (error != NULL)
        goto out;
    }

  if (bookings->len > 0)
    {
      main_booking = entry->booking_uid != NULL && !is_reschedule
                   ? find_booking (bookings, entry->booking_uid)
                   : NULL;
      if (main_booking == NULL)
        main_booking = g_ptr_array_index (bookings, 0);
    }

  /* The old half of a move, marked the way Cal.com shows it, until the next
   * sync brings the server's own version */
  if (is_reschedule && before != NULL && main_booking != NULL &&
      find_booking (bookings, entry->booking_uid) == NULL)
    {
      CalbookBooking *old = mark_rescheduled (before, main_booking);

      if (old != NULL)
        g_ptr_array_add (bookings, old);
    }

  if (!calbook_store_outbox_complete (self->store, entry->id, bookings, &error))
    goto out;

  for (guint i = 0; i < bookings->len; i++)
    note_self_sent (self, calbook_booking_get_uid (g_ptr_array_index (bookings, i)));

  if (main_booking != NULL)
    g_ptr_array_add (job->changes,
                     calbook_change_new (get_change_kind (entry->kind), main_booking, before,
                                         calbook_account_get_email (self->account), TRUE));

  job->bookings = g_ptr_array_ref (bookings);

out:
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

typedef struct
{
  CalbookOutboxEntry *entry;
  char               *message;
  CalbookOutboxState  state;
  gboolean            go_on;     /* the next entry may be sent */
} SetStateJob;

static void
set_state_job_free (gpointer data)
{
  SetStateJob *job = data;

  g_clear_pointer (&job->entry, calbook_outbox_entry_free);
  g_clear_pointer (&job->message, g_free);
  g_free (job);
}

static void
set_entry_state_in_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  CalbookOutbox *self = source_object;
  SetStateJob *job = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);
  g_autoptr(GError) error = NULL;

  if (!calbook_store_ensure_sound (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->entry->state = job->state;
  g_free (job->entry->last_error);
  job->entry->last_error = g_strdup (job->message);

  if (!calbook_store_outbox_update (self->store, job->entry, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}


/* The replay (main thread) */

static gboolean
on_retry_due_cb (gpointer user_data)
{
  CalbookOutbox *self = user_data;

  self->retry_id = 0;
  g_signal_emit (self, signals[RETRY_DUE], 0);

  return G_SOURCE_REMOVE;
}

/* Entries waiting out their backoff are tried again when the first is due */
static void
schedule_retry (CalbookOutbox *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 now = g_get_monotonic_time ();
  gint64 first = G_MAXINT64;

  g_clear_handle_id (&self->retry_id, g_source_remove);

  g_hash_table_iter_init (&iter, self->backoff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (*(gint64 *) value > now)
        first = MIN (first, *(gint64 *) value);
    }

  if (first == G_MAXINT64)
    return;

  self->retry_id = g_timeout_add (MAX (first - now, 0) / 1000 + 1, on_retry_due_cb, self);
}

static void
finish_replay (CalbookOutbox *self,
               const GError  *error)
{
  g_autoptr(GPtrArray) tasks = NULL;
  gboolean again = self->again;

  /* A transient failure stops this replay; the next tick or the network
   * coming back starts another one */
  if (error != NULL)
    again = FALSE;

  self->again = FALSE;
  g_clear_object (&self->cancellable);

  if (error == NULL)
    set_last_error (self, NULL);

  tasks = g_steal_pointer (&self->tasks);
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_ref (self);

  if (again)
    {
      g_ptr_array_extend_and_steal (self->tasks, g_steal_pointer (&self->next_tasks));
      self->next_tasks = g_ptr_array_new_with_free_func (g_object_unref);
      self->cancellable = g_cancellable_new ();
      replay_step (self);
    }
  else
    {
      /* Callers waiting for the next replay get this one's outcome */
      g_ptr_array_extend_and_steal (tasks, g_steal_pointer (&self->next_tasks));
      self->next_tasks = g_ptr_array_new_with_free_func (g_object_unref);
      set_boolean_prop (self, &self->replaying, FALSE, PROP_REPLAYING);
      /* After a transient failure the next tick or the network coming back
       * starts the next replay, not a timer that would spin while offline */
      if (error == NULL)
        schedule_retry (self);
      else
        g_clear_handle_id (&self->retry_id, g_source_remove);
    }

  complete_tasks (tasks, error);
  g_object_unref (self);
}

static void
forget_backoff (CalbookOutbox *self,
                gint64         id)
{
  g_hash_table_remove (self->backoff, &id);
}

static void
on_entry_state_set_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CalbookOutbox *self = CALBOOK_OUTBOX (object);
  SetStateJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) cause = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      finish_replay (self, error);
      return;
    }

  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);

  if (job->state == CALBOOK_OUTBOX_STATE_FAILED)
    {
      g_autoptr(GError) reason = g_error_new_literal (cause->domain, cause->code, job->message);

      forget_backoff (self, job->entry->id);
      g_signal_emit (self, signals[MUTATION_FAILED], 0, job->entry, reason);
    }

  if (job->go_on)
    replay_step (self);
  else
    finish_replay (self, cause);
}

/* Cal.com answered but failed (5xx, an unreadable answer): this entry waits
 * a growing while, the others go on. Returns FALSE once it has used up its
 * attempts. */
static gboolean
back_off (CalbookOutbox            *self,
          const CalbookOutboxEntry *entry)
{
  gint64 *key;
  gint64 *until;
  gint64 delay;

  if (entry->attempts >= CALBOOK_OUTBOX_MAX_ATTEMPTS)
    return FALSE;

  delay = self->backoff_base_usec << MIN (MAX (entry->attempts, 1) - 1, 20);
  key = g_new (gint64, 1);
  *key = entry->id;
  until = g_new (gint64, 1);
  *until = g_get_monotonic_time () + MIN (delay, BACKOFF_MAX_USEC);
  g_hash_table_replace (self->backoff, key, until);

  return TRUE;
}

/* Keeps the entry after a failed send and goes on accordingly:
 * - refused for good (400, 403, ...): FAILED; the others go on;
 * - surely not applied (rate limited, key rejected): QUEUED; the replay stops;
 * - not reached or cut off (network): SENDING, since Cal.com may have made
 *   the change; the replay stops, and the next one looks before resending;
 * - answered with a failure (5xx, unreadable answer): SENDING too, and the
 *   entry backs off while the others go on; after CALBOOK_OUTBOX_MAX_ATTEMPTS
 *   it is FAILED with the reason, for the person to retry or discard. */
static void
keep_entry (CalbookOutbox      *self,
            CalbookOutboxEntry *entry,
            const GError       *error)
{
  g_autoptr(GTask) task = NULL;
  SetStateJob *job;

  job = g_new0 (SetStateJob, 1);
  job->entry = calbook_outbox_entry_copy (entry);
  job->message = g_strdup (error->message);

  if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_RATE_LIMITED) ||
      g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_UNAUTHORIZED))
    {
      job->state = CALBOOK_OUTBOX_STATE_QUEUED;
    }
  else if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NETWORK) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job->state = CALBOOK_OUTBOX_STATE_SENDING;
    }
  else if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_SERVER) ||
           g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE))
    {
      job->go_on = TRUE;
      if (back_off (self, entry))
        {
          job->state = CALBOOK_OUTBOX_STATE_SENDING;
        }
      else
        {
          job->state = CALBOOK_OUTBOX_STATE_FAILED;
          g_free (job->message);
          job->message = g_strdup_printf (_("Cal.com failed to make this change %u times; "
                                            "the last time it said: %s"),
                                          entry->attempts, error->message);
        }
    }
  else
    {
      job->state = CALBOOK_OUTBOX_STATE_FAILED;
      job->go_on = TRUE;
    }

  if (job->state != CALBOOK_OUTBOX_STATE_FAILED)
    set_last_error (self, error->message);

  task = g_task_new (self, NULL, on_entry_state_set_cb, g_error_copy (error));
  g_task_set_task_data (task, job, set_state_job_free);
  g_task_run_in_thread (task, set_entry_state_in_thread);
}

static void
on_applied_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CalbookOutbox *self = CALBOOK_OUTBOX (object);
  ApplyJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      finish_replay (self, error);
      return;
    }

  forget_backoff (self, job->entry->id);

  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);
  g_signal_emit (self, signals[MUTATION_APPLIED], 0, job->entry, job->bookings);
  if (job->changes->len > 0)
    g_signal_emit (self, signals[CHANGES], 0, job->changes);
  g_signal_emit (self, signals[BOOKINGS_CHANGED], 0);

  replay_step (self);
}

/* Cal.com has the change (it answered, or a lookup found it) */
static void
apply_entry (CalbookOutbox      *self,
             CalbookOutboxEntry *entry,
             JsonNode           *data)
{
  g_autoptr(GTask) task = NULL;
  ApplyJob *job;

  job = g_new0 (ApplyJob, 1);
  job->entry = calbook_outbox_entry_copy (entry);
  /* The role as it is now: a 403 from the organization route (here or in
   * the sync) made an admin a member */
  job->own_only = !calbook_account_is_admin (self->account);
  job->data = data ? json_node_ref (data) : NULL;

  task = g_task_new (self, NULL, on_applied_cb, NULL);
  g_task_set_task_data (task, job, apply_job_free);
  g_task_run_in_thread (task, apply_in_thread);
}

/* An entry on its way: the outbox and the entry, for the callbacks */

typedef struct
{
  CalbookOutbox      *self;
  CalbookOutboxEntry *entry;        /* booking_uid: where it goes now */
  char               *previous_uid; /* the booking moved into booking_uid */
  gboolean            uncertain;    /* sent before: it may have been applied */
  guint               hops;
  guint               skip;
  gint64              org_id;
} Sending;

static void
sending_free (Sending *sending)
{
  g_clear_object (&sending->self);
  g_clear_pointer (&sending->entry, calbook_outbox_entry_free);
  g_clear_pointer (&sending->previous_uid, g_free);
  g_free (sending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sending, sending_free)

static Sending *
sending_new (CalbookOutbox      *self,
             CalbookOutboxEntry *entry)
{
  Sending *sending = g_new0 (Sending, 1);

  sending->self = g_object_ref (self);
  sending->entry = calbook_outbox_entry_copy (entry);
  sending->uncertain = entry->state == CALBOOK_OUTBOX_STATE_SENDING || entry->attempts > 0;
  sending->org_id = calbook_account_is_admin (self->account)
                  ? calbook_account_get_organization_id (self->account)
                  : 0;

  return sending;
}

static void
on_mutated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Sending) sending = user_data;
  CalbookOutbox *self = sending->self;
  CalbookOutboxEntry *entry = sending->entry;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GError) error = NULL;
  gboolean unseen;

  data = calbook_api_client_mutate_booking_finish (CALBOOK_API_CLIENT (object), result, &error);
  note_request_result (self, error);
  unseen = g_hash_table_remove (self->unseen_creates, &entry->id);

  /* A create sent again that Cal.com refuses as "taken", after a lookup
   * that could not have seen it: the time may well be taken by its own
   * first attempt. Saying "pick another slot" would be false, and booking
   * again would book twice; what is true is that Calbook can't tell. The
   * entry is kept (refused) with that, for the person to check with the
   * host and then discard or retry it. */
  if (data == NULL && unseen &&
      g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_CONFLICT))
    {
      GError *truth = g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_CONFLICT,
                                   _("Cal.com says this time is no longer free. That may be "
                                     "this very change: an earlier attempt may have made the "
                                     "booking before its answer was lost, and bookings of this "
                                     "event type are not among those Cal.com shows you, so "
                                     "Calbook can't check. Ask the event type's host whether "
                                     "the booking is there before you book again or discard "
                                     "this change."));

      g_clear_error (&error);
      error = truth;
    }

  if (data == NULL)
    {
      g_debug ("Sending outbox entry %" G_GINT64_FORMAT " (%s) failed: %s",
               entry->id, entry->kind, error->message);
      keep_entry (self, entry, error);
      return;
    }

  apply_entry (self, entry, data);
}

static void
on_marked_sending_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CalbookOutbox *self = CALBOOK_OUTBOX (object);
  CalbookOutboxEntry *entry = g_task_get_task_data (G_TASK (result));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      finish_replay (self, error);
      return;
    }

  if (!json_parser_load_from_data (parser, entry->payload ? entry->payload : "{}", -1, &error) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(GError) bad = NULL;

      /* A damaged row: keep it for the user to see rather than guess */
      bad = g_error_new (CALBOOK_API_ERROR, CALBOOK_API_ERROR_VALIDATION,
                         _("The saved change could not be read: %s"),
                         error ? error->message : _("not a JSON object"));
      keep_entry (self, entry, bad);
      return;
    }

  note_self_sent (self, entry->booking_uid);

  calbook_api_client_mutate_booking_with_id_async (self->client, entry->kind, entry->booking_uid,
                                                   entry->client_request_id,
                                                   json_node_get_object (root), self->cancellable,
                                                   on_mutated_cb, sending_new (self, entry));
}

static void
send_entry (CalbookOutbox      *self,
            CalbookOutboxEntry *entry)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, NULL, on_marked_sending_cb, NULL);
  g_task_set_task_data (task, calbook_outbox_entry_copy (entry),
                        (GDestroyNotify) calbook_outbox_entry_free);
  g_task_run_in_thread (task, mark_sending_in_thread);
}

/* A lookup before sending failed: unknown whether (or where) to send, so the
 * entry stays as it is and is looked at again by the next replay */
static gboolean
stop_on_lookup_error (Sending      *lookup,
                      const GError *error)
{
  CalbookOutbox *self = lookup->self;

  note_request_result (self, error);

  if (calbook_api_error_is_transient (error) ||
      g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_INVALID_RESPONSE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_last_error (self, error->message);
      finish_replay (self, error);
      return TRUE;
    }

  return FALSE;
}

static void list_for_request_id (Sending *lookup);
static void check_create_in_sight (Sending *lookup);

static void
on_request_id_page_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Sending) lookup = user_data;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = calbook_api_client_list_bookings_finish (CALBOOK_API_CLIENT (object), result, &error);
  if (page == NULL)
    {
      /* An admin whose organization has no Admin API (or who was
       * demoted): a member from now on, for this lookup and for the
       * scope of the answers stored */
      if (lookup->org_id > 0 &&
          g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN))
        {
          calbook_account_note_organization_refused (lookup->self->account);
          lookup->org_id = 0;
          lookup->skip = 0;
          list_for_request_id (g_steal_pointer (&lookup));
          return;
        }

      if (!stop_on_lookup_error (lookup, error))
        send_entry (lookup->self, lookup->entry);
      return;
    }

  note_request_result (lookup->self, NULL);

  for (guint i = 0; i < page->items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (page->items, i);
      g_autofree char *request_id = calbook_json_dup_string (calbook_json_get_object (item, "metadata"),
                                                             CALBOOK_MUTATION_REQUEST_ID_KEY);

      if (g_strcmp0 (request_id, lookup->entry->client_request_id) == 0)
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

          g_debug ("Create %s had reached Cal.com", request_id);
          json_node_set_object (node, item);
          apply_entry (lookup->self, lookup->entry, node);
          return;
        }
    }

  if (page->has_next_page && page->items->len > 0)
    {
      lookup->skip += page->items->len;
      list_for_request_id (g_steal_pointer (&lookup));
      return;
    }

  check_create_in_sight (g_steal_pointer (&lookup));
}

/* The event type and start a create asked for, or FALSE */
static gboolean
get_create_slot (CalbookOutboxEntry *entry,
                 gint64             *event_type_id,
                 gint64             *start)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) time = NULL;
  JsonObject *payload;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, entry->payload ? entry->payload : "{}", -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  payload = json_node_get_object (root);
  if (!calbook_json_get_id (payload, "eventTypeId", event_type_id) ||
      calbook_json_get_string (payload, "start") == NULL ||
      (time = g_date_time_new_from_iso8601 (calbook_json_get_string (payload, "start"),
                                            NULL)) == NULL)
    return FALSE;

  *start = g_date_time_to_unix (time);
  return TRUE;
}

/* One narrow question: the bookings of that event type starting at the time
 * asked for (organization-wide for admins); the request id tells which is
 * this one. Only a create without a readable slot falls back to everything
 * updated since shortly before it was made. */
static void
list_for_request_id (Sending *lookup)
{
  CalbookOutbox *self = lookup->self;
  CalbookApiBookingQuery query = { 0, };
  g_autofree char *event_type_ids = NULL;
  gint64 event_type_id;
  gint64 start;

  if (get_create_slot (lookup->entry, &event_type_id, &start))
    {
      event_type_ids = g_strdup_printf ("%" G_GINT64_FORMAT, event_type_id);
      query.event_type_ids = event_type_ids;
      query.after_start = start - CREATE_LOOKUP_MARGIN;
      query.before_end = start + CREATE_LOOKUP_MAX_LENGTH;
    }
  else
    {
      query.after_updated_at = MAX (1, lookup->entry->created_at - REQUEST_ID_LOOKBACK);
      query.sort_updated_asc = TRUE;
    }

  query.take = CALBOOK_API_MAX_TAKE;
  query.skip = lookup->skip;

  calbook_api_client_list_bookings_async (self->client, lookup->org_id, &query,
                                          self->cancellable, on_request_id_page_cb,
                                          lookup);
}

static void
on_own_event_types_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Sending) lookup = user_data;
  g_autoptr(JsonArray) event_types = NULL;
  g_autoptr(GError) error = NULL;
  gint64 event_type_id = 0;
  gint64 start;
  gboolean own = FALSE;

  event_types = calbook_api_client_list_event_types_finish (CALBOOK_API_CLIENT (object), result,
                                                            &error);
  get_create_slot (lookup->entry, &event_type_id, &start);
  for (guint i = 0; event_types != NULL && i < json_array_get_length (event_types) && !own; i++)
    {
      JsonNode *node = json_array_get_element (event_types, i);
      gint64 id;

      own = JSON_NODE_HOLDS_OBJECT (node) &&
            calbook_json_get_id (json_node_get_object (node), "id", &id) &&
            id == event_type_id;
    }

  /* Unknown (the question failed) counts as out of sight: it only changes
   * what a refusal says */
  if (!own)
    {
      gint64 *id = g_new (gint64, 1);

      *id = lookup->entry->id;
      g_hash_table_add (lookup->self->unseen_creates, id);
      g_debug ("Create %s was not found, and its event type's bookings are out of sight",
               lookup->entry->client_request_id);
    }

  send_entry (lookup->self, lookup->entry);
}

/* A lost create was not found. An organization admin's lookup sees every
 * booking of the organization, and a member's sees every booking of their
 * own event types: then not found means not made. A member booking a
 * client onto a colleague's event type is neither the booking's organizer
 * nor its attendee, so nothing Cal.com lists or counts for them shows it
 * (real Cal.com, GET /v2/bookings); only its uid would, and that was in the
 * lost answer. Such a create is sent again all the same: Cal.com checks
 * the host's availability first, so it can't be booked twice; it is
 * remembered so that a refusal says what is true (see on_mutated_cb()). */
static void
check_create_in_sight (Sending *lookup)
{
  CalbookOutbox *self = lookup->self;
  gint64 event_type_id;
  gint64 start;

  if (lookup->org_id > 0 || calbook_account_is_admin (self->account) ||
      !get_create_slot (lookup->entry, &event_type_id, &start))
    {
      send_entry (self, lookup->entry);
      sending_free (lookup);
      return;
    }

  calbook_api_client_list_event_types_async (self->client, self->cancellable,
                                             on_own_event_types_cb, lookup);
}

static gboolean
has_guests (CalbookBooking *booking,
            JsonObject     *payload)
{
  JsonArray *guests;
  GPtrArray *have = calbook_booking_get_guests (booking);

  if (!json_object_has_member (payload, "guests") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (payload, "guests")))
    return FALSE;

  guests = json_object_get_array_member (payload, "guests");
  if (json_array_get_length (guests) == 0)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (guests); i++)
    {
      JsonNode *node = json_array_get_element (guests, i);
      g_autofree char *email = NULL;
      gboolean found = FALSE;

      if (JSON_NODE_HOLDS_OBJECT (node))
        email = calbook_json_dup_string (json_node_get_object (node), "email");
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        email = g_strdup (json_node_get_string (node));

      if (email == NULL)
        return FALSE;

      for (guint j = 0; j < have->len && !found; j++)
        found = g_ascii_strcasecmp (g_ptr_array_index (have, j), email) == 0;

      if (!found && find_attendee (calbook_booking_get_attendees (booking), email) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_location (CalbookBooking *booking,
              JsonObject     *payload)
{
  JsonObject *location = calbook_json_get_object (payload, "location");
  g_autoptr(GList) members = NULL;

  if (location == NULL)
    return FALSE;

  /* The one member besides "type" holds the address, link or number */
  members = json_object_get_members (location);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_str_equal (l->data, "type"))
        return g_strcmp0 (calbook_json_get_string (location, l->data),
                          calbook_booking_get_location (booking)) == 0;
    }

  return FALSE;
}

static gboolean
has_absences (CalbookBooking *booking,
              JsonObject     *payload)
{
  JsonArray *attendees = calbook_json_get_array (payload, "attendees");
  gboolean host;

  if (calbook_json_get_boolean (payload, "host", &host) &&
      host != calbook_booking_get_absent_host (booking))
    return FALSE;

  for (guint i = 0; attendees != NULL && i < json_array_get_length (attendees); i++)
    {
      JsonNode *node = json_array_get_element (attendees, i);
      const CalbookPerson *person;
      const char *email;
      gboolean absent;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;

      email = calbook_json_get_string (json_node_get_object (node), "email");
      if (email == NULL ||
          !calbook_json_get_boolean (json_node_get_object (node), "absent", &absent))
        return FALSE;

      person = find_attendee (calbook_booking_get_attendees (booking), email);
      if (person == NULL || !person->absent != !absent)
        return FALSE;
    }

  return TRUE;
}

/* Whether the booking as Cal.com has it now already shows what the change
 * asks for.
 * A reschedule counts only when the booking moved to the time asked for:
 * judged from the booking the person moved, never by moving its new half
 * again. */
static gboolean
effect_holds (Sending        *lookup,
              CalbookBooking *current)
{
  CalbookOutboxEntry *entry = lookup->entry;
  const char *status = calbook_booking_get_api_status (current);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *payload;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, entry->payload ? entry->payload : "{}", -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  payload = json_node_get_object (root);

  if (g_str_equal (entry->kind, "reschedule"))
    {
      const char *start_text = calbook_json_get_string (payload, "start");
      g_autoptr(GDateTime) start = NULL;

      if (lookup->previous_uid == NULL || start_text == NULL)
        return FALSE;

      start = g_date_time_new_from_iso8601 (start_text, NULL);
      return start != NULL && g_date_time_to_unix (start) == calbook_booking_get_start (current);
    }
  if (g_str_equal (entry->kind, "cancel"))
    return g_strcmp0 (status, "cancelled") == 0;
  if (g_str_equal (entry->kind, "confirm"))
    return g_strcmp0 (status, "accepted") == 0;
  if (g_str_equal (entry->kind, "decline"))
    return g_strcmp0 (status, "rejected") == 0;
  if (g_str_equal (entry->kind, "guests"))
    return has_guests (current, payload);
  if (g_str_equal (entry->kind, "location"))
    return has_location (current, payload);
  if (g_str_equal (entry->kind, "mark-absent"))
    return has_absences (current, payload);

  return FALSE;
}

static void locate_booking (Sending *lookup);

static void
on_located_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Sending) lookup = user_data;
  CalbookOutboxEntry *entry = lookup->entry;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;
  CalbookBooking *booking;
  const char *to_uid;

  node = calbook_api_client_get_booking_finish (CALBOOK_API_CLIENT (object), result, &error);
  if (node == NULL)
    {
      /* Gone or not visible: sending tells the person why it can't be done */
      if (!stop_on_lookup_error (lookup, error))
        send_entry (lookup->self, entry);
      return;
    }

  note_request_result (lookup->self, NULL);

  bookings = parse_bookings (node);
  booking = find_booking (bookings, entry->booking_uid);
  if (booking == NULL)
    {
      send_entry (lookup->self, entry);
      return;
    }

  /* Moved since (by this app or by someone else): follow it */
  to_uid = calbook_booking_get_rescheduled_to_uid (booking);
  if (to_uid != NULL && *to_uid != '\0' && !g_str_equal (to_uid, entry->booking_uid) &&
      lookup->hops < MAX_MOVES)
    {
      g_free (lookup->previous_uid);
      lookup->previous_uid = g_steal_pointer (&entry->booking_uid);
      entry->booking_uid = g_strdup (to_uid);
      lookup->hops++;
      locate_booking (g_steal_pointer (&lookup));
      return;
    }

  /* What the change asks for already holds. Sent before: its answer was
   * lost after Cal.com applied it. Never sent: someone else did the same
   * (or it was so all along), and there is nothing to send; sending it would
   * only bring Cal.com's "already cancelled" and the like, a failure that is
   * not one. Either way it is done, and an entry is marked as sending only
   * when its effect did not hold just before: so when it holds after an
   * uncertain send, that send (or someone doing the very same) made it so,
   * never a state from before the change. */
  if (effect_holds (lookup, booking))
    {
      g_debug ("Outbox entry %" G_GINT64_FORMAT " (%s) already holds on Cal.com (%s)",
               entry->id, entry->kind, lookup->uncertain ? "answer lost" : "not sent");
      /* A move is stored as the booking that moved and where it went */
      if (g_str_equal (entry->kind, "reschedule"))
        {
          g_free (entry->booking_uid);
          entry->booking_uid = g_strdup (lookup->previous_uid);
        }
      apply_entry (lookup->self, entry, node);
      return;
    }

  send_entry (lookup->self, entry);
}

/* Asks Cal.com where the booking is now: a booking moved since the change
 * was made gets it where it moved */
static void
locate_booking (Sending *lookup)
{
  CalbookOutbox *self = lookup->self;

  calbook_api_client_get_booking_async (self->client, lookup->entry->booking_uid,
                                        self->cancellable, on_located_cb, lookup);
}

static void
prepare_entry (CalbookOutbox      *self,
               CalbookOutboxEntry *entry)
{
  Sending *lookup = sending_new (self, entry);

  if (g_str_equal (entry->kind, "create"))
    {
      /* Sent before and the answer lost: look for it by its request id */
      if (lookup->uncertain && entry->client_request_id != NULL &&
          *entry->client_request_id != '\0')
        {
          list_for_request_id (lookup);
          return;
        }

      send_entry (self, entry);
      sending_free (lookup);
      return;
    }

  if (entry->booking_uid == NULL || *entry->booking_uid == '\0')
    {
      send_entry (self, entry);
      sending_free (lookup);
      return;
    }

  locate_booking (lookup);
}

static void
on_entries_listed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CalbookOutbox *self = CALBOOK_OUTBOX (object);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) blocked = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();

  entries = g_task_propagate_pointer (G_TASK (result), &error);
  if (entries == NULL)
    {
      /* A damaged store stops the replay before it sends anything */
      if (error->domain == CALBOOK_STORE_ERROR)
        set_last_error (self, error->message);
      finish_replay (self, error);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      CalbookOutboxEntry *entry = g_ptr_array_index (entries, i);
      gint64 *until = g_hash_table_lookup (self->backoff, &entry->id);
      gboolean waits;

      if (entry->booking_uid != NULL && g_hash_table_contains (blocked, entry->booking_uid))
        continue;

      /* A refused change, or one backing off, holds back later changes of
       * the same booking only: they must not overtake it */
      waits = entry->state == CALBOOK_OUTBOX_STATE_FAILED || (until != NULL && *until > now);
      if (waits)
        {
          if (entry->booking_uid != NULL)
            g_hash_table_add (blocked, entry->booking_uid);
          continue;
        }

      prepare_entry (self, entry);
      return;
    }

  finish_replay (self, NULL);
}

static void
replay_step (CalbookOutbox *self)
{
  g_autoptr(GTask) task = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("Sending was stopped"));

      finish_replay (self, error);
      return;
    }

  task = g_task_new (self, NULL, on_entries_listed_cb, NULL);
  g_task_run_in_thread (task, list_entries_in_thread);
}


/*
 * GObject overrides
 */

static void
calbook_outbox_dispose (GObject *object)
{
  CalbookOutbox *self = CALBOOK_OUTBOX (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);

  G_OBJECT_CLASS (calbook_outbox_parent_class)->dispose (object);
}

static void
calbook_outbox_finalize (GObject *object)
{
  CalbookOutbox *self = CALBOOK_OUTBOX (object);

  g_clear_object (&self->account);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->next_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->self_sent, g_hash_table_unref);
  g_clear_pointer (&self->backoff, g_hash_table_unref);
  g_clear_pointer (&self->unseen_creates, g_hash_table_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_mutex_clear (&self->store_lock);
  g_mutex_clear (&self->self_lock);

  G_OBJECT_CLASS (calbook_outbox_parent_class)->finalize (object);
}

static void
calbook_outbox_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CalbookOutbox *self = CALBOOK_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_REPLAYING:
      g_value_set_boolean (value, self->replaying);
      break;

    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
calbook_outbox_class_init (CalbookOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = calbook_outbox_dispose;
  object_class->finalize = calbook_outbox_finalize;
  object_class->get_property = calbook_outbox_get_property;

  properties[PROP_REPLAYING] =
    g_param_spec_boolean ("replaying", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGES] =
    g_signal_new ("changes", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  signals[BOOKINGS_CHANGED] =
    g_signal_new ("bookings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[MUTATION_APPLIED] =
    g_signal_new ("mutation-applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  CALBOOK_TYPE_OUTBOX_ENTRY, G_TYPE_PTR_ARRAY);

  signals[MUTATION_FAILED] =
    g_signal_new ("mutation-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  CALBOOK_TYPE_OUTBOX_ENTRY, G_TYPE_ERROR);

  signals[RETRY_DUE] =
    g_signal_new ("retry-due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
calbook_outbox_init (CalbookOutbox *self)
{
  g_mutex_init (&self->store_lock);
  g_mutex_init (&self->self_lock);
  self->self_sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->next_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->backoff = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->unseen_creates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->backoff_base_usec = BACKOFF_BASE_USEC;
  self->online = TRUE;
}


/*
 * Public API
 */

/**
 * calbook_outbox_new:
 * @account: the signed-in account (decides the scope of lookups)
 * @client: the API client holding the account's key
 * @store_path: the account's store file; the outbox opens its own connection
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a new outbox sender, idle until asked
 */
CalbookOutbox *
calbook_outbox_new (CalbookAccount    *account,
                    CalbookApiClient  *client,
                    const char        *store_path,
                    GError           **error)
{
  g_autoptr(CalbookOutbox) self = NULL;

  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (CALBOOK_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_OUTBOX, NULL);
  self->account = g_object_ref (account);
  self->client = g_object_ref (client);
  self->store = calbook_store_open (store_path, error);
  if (self->store == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * calbook_outbox_replay_async:
 * @self: an outbox
 * @callback: called when the replay stops
 * @user_data: data for @callback
 *
 * Sends the outbox, one entry at a time in id order. While a replay runs,
 * another one follows it.
 */
void
calbook_outbox_replay_async (CalbookOutbox       *self,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CALBOOK_IS_OUTBOX (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, calbook_outbox_replay_async);

  if (self->replaying)
    {
      self->again = TRUE;
      g_ptr_array_add (self->next_tasks, g_steal_pointer (&task));
      return;
    }

  g_ptr_array_add (self->tasks, g_steal_pointer (&task));
  set_boolean_prop (self, &self->replaying, TRUE, PROP_REPLAYING);
  self->cancellable = g_cancellable_new ();
  replay_step (self);
}

/**
 * calbook_outbox_replay_finish:
 * @self: an outbox
 * @result: the result given to the callback
 * @error: return location for the (transient) error that stopped the replay
 *
 * Returns: %TRUE when every entry that could be sent was sent or refused
 */
gboolean
calbook_outbox_replay_finish (CalbookOutbox  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (CALBOOK_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * calbook_outbox_replay:
 * @self: an outbox
 *
 * Starts a replay without waiting for it.
 */
void
calbook_outbox_replay (CalbookOutbox *self)
{
  g_return_if_fail (CALBOOK_IS_OUTBOX (self));

  calbook_outbox_replay_async (self, NULL, NULL);
}

/**
 * calbook_outbox_stop:
 * @self: an outbox
 *
 * Stops sending (for signing out, a new key, or closing). A change in
 * flight stays SENDING: the next replay looks before sending it again.
 */
void
calbook_outbox_stop (CalbookOutbox *self)
{
  g_return_if_fail (CALBOOK_IS_OUTBOX (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/**
 * calbook_outbox_set_backoff_base:
 * @self: an outbox
 * @msec: the first wait after Cal.com failed on an entry (it doubles with
 *   each attempt); tests make it short
 */
void
calbook_outbox_set_backoff_base (CalbookOutbox *self,
                                 guint          msec)
{
  g_return_if_fail (CALBOOK_IS_OUTBOX (self));

  self->backoff_base_usec = (gint64) msec * 1000;
}

/**
 * calbook_outbox_get_replaying:
 * @self: an outbox
 *
 * Returns: whether the outbox is being sent
 */
gboolean
calbook_outbox_get_replaying (CalbookOutbox *self)
{
  g_return_val_if_fail (CALBOOK_IS_OUTBOX (self), FALSE);

  return self->replaying;
}

/**
 * calbook_outbox_get_online:
 * @self: an outbox
 *
 * Returns: whether the last request reached the server
 */
gboolean
calbook_outbox_get_online (CalbookOutbox *self)
{
  g_return_val_if_fail (CALBOOK_IS_OUTBOX (self), FALSE);

  return self->online;
}

/**
 * calbook_outbox_get_last_error:
 * @self: an outbox
 *
 * Returns: (nullable): why the last replay stopped, for a person
 */
const char *
calbook_outbox_get_last_error (CalbookOutbox *self)
{
  g_return_val_if_fail (CALBOOK_IS_OUTBOX (self), NULL);

  return self->last_error;
}

/**
 * calbook_outbox_was_sent_lately:
 * @self: an outbox
 * @uid: (nullable): a booking uid
 *
 * Safe to call from any thread.
 *
 * Returns: whether this app sent a change to @uid in the last few minutes
 */
gboolean
calbook_outbox_was_sent_lately (CalbookOutbox *self,
                                const char    *uid)
{
  gint64 *when;
  gboolean ret = FALSE;

  g_return_val_if_fail (CALBOOK_IS_OUTBOX (self), FALSE);

  if (uid == NULL)
    return FALSE;

  g_mutex_lock (&self->self_lock);
  when = g_hash_table_lookup (self->self_sent, uid);
  if (when != NULL)
    ret = g_get_monotonic_time () - *when < SELF_SENT_WINDOW_USEC;
  g_mutex_unlock (&self->self_lock);

  return ret;
}
