/* calbook-sync.c
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "calbook-sync"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "calbook-error.h"
#include "calbook-json.h"
#include "calbook-outbox.h"
#include "calbook-store.h"
#include "calbook-sync.h"

#define STATE_POSITION  "sync-position"
#define STATE_LAST_FULL "last-full-sync"

/* Cal.com compares stamps to the millisecond */
#define OVERLAP_MS ((gint64) CALBOOK_SYNC_OVERLAP * 1000)

typedef struct
{
  CalbookBooking *now;
  CalbookBooking *before;
} Deferred;

/*
 * How a pass walks the list: by a stamp, keyset style. Each page asks for
 * rows whose stamp is at least the newest stamp of the page before, so a
 * booking edited while the pass pages only moves later in the walk (where
 * it is met again) and no row can slide past a page boundary, as it did
 * with a growing `skip`. Rows met twice are dropped by uid. When a whole
 * page shares one stamp (a recurring series is stamped in one statement),
 * the walk pages inside that stamp, by start, before it moves on.
 *
 * A full pass walks by createdAt, which never changes and which every
 * booking has (updatedAt is null for a booking never changed), then by
 * updatedAt from the newest stamp there was when it began, for what
 * changed meanwhile. An incremental pass walks by updatedAt, then by
 * createdAt, from where the last pass got to (a little before, for clocks
 * that disagree).
 */
typedef enum
{
  PHASE_PROBE,    /* full pass: the newest updatedAt there is */
  PHASE_CREATED,
  PHASE_UPDATED,
  PHASE_DONE,
} Phase;

typedef struct
{
  gboolean full;
  Phase    phase;
  gint64   cursor_ms;         /* inclusive lower bound of the walk's stamp */
  gboolean tie;               /* paging inside the stamp cursor_ms, by start */
  gint64   tie_start_ms;
  guint    tie_skip;
  gint64   updated_from_ms;   /* where the walk by updatedAt begins */
  gint64   created_from_ms;   /* where the walk by createdAt begins */
  gint64   updated_mark_ms;   /* the newest updatedAt seen */
  gint64   created_mark_ms;   /* the newest createdAt seen */
} Position;

typedef struct
{
  gboolean    full;
  gboolean    resumed;      /* continues a pass that stopped */
  gboolean    quiet;
  gboolean    own_only;
  gint64      org_id;
  gint64      user_id;
  char       *email;
  Position    position;     /* of the next page to fetch */
  guint       n_fetched;    /* pages */
  guint       member_skip;
  gboolean    fetching;     /* a page request is on its way */
  gboolean    storing;      /* a page is being written */
  gboolean    fetched_all;  /* the last page came */
  gpointer    pending;      /* PageJob: fetched, waits for the page before it */
  GError     *error;        /* stops the pass once nothing is in flight */
  GPtrArray  *members;
  GHashTable *seen;         /* uid → Seen: met in this pass */
  GHashTable *handled_reschedules;
  GHashTable *deferred;
  guint       n_bad;
  /* Reconciling: stored bookings the pass did not meet are asked for one by one */
  GPtrArray  *candidates;
  guint       next_candidate;
  GPtrArray  *gone;         /* uids: confirmed gone, or out of scope */
  GPtrArray  *found;        /* CalbookBooking: there after all */
} RunState;

struct _CalbookSync
{
  GObject           parent_instance;

  CalbookAccount   *account;
  CalbookApiClient *client;

  /* Used from worker threads only, one at a time */
  CalbookStore     *store;
  GMutex            store_lock;

  guint             full_interval;
  gboolean          role_checked;   /* this run of the app asked for the role */

  /* The running pass */
  RunState         *run;
  GCancellable     *cancellable;
  GPtrArray        *run_tasks;
  GPtrArray        *next_tasks;
  gboolean          follow_up;
  gboolean          follow_up_full;

  /* Tells which changes this app sent itself (nullable) */
  CalbookOutbox    *outbox;

  guint             pages_done;
  guint             pages_total;
  guint             bookings_done;
  guint             bookings_total;
  gboolean          syncing;
  gboolean          online;
  char             *last_error;
};

G_DEFINE_FINAL_TYPE (CalbookSync, calbook_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYNCING,
  PROP_PROGRESS,
  PROP_PAGES_DONE,
  PROP_PAGES_TOTAL,
  PROP_BOOKINGS_DONE,
  PROP_BOOKINGS_TOTAL,
  PROP_ONLINE,
  PROP_LAST_ERROR,
  N_PROPS
};

enum {
  CHANGES,
  BOOKINGS_CHANGED_IN,
  BOOKINGS_CHANGED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_run      (CalbookSync *self,
                            gboolean     full);
static void fetch_page     (CalbookSync *self);


/*
 * Auxiliary methods
 */

static void
deferred_free (gpointer data)
{
  Deferred *deferred = data;

  g_clear_object (&deferred->now);
  g_clear_object (&deferred->before);
  g_free (deferred);
}

static void page_job_free (gpointer data);

static void
run_state_free (RunState *run)
{
  g_clear_pointer (&run->pending, page_job_free);
  g_clear_error (&run->error);
  g_clear_pointer (&run->email, g_free);
  g_clear_pointer (&run->members, g_ptr_array_unref);
  g_clear_pointer (&run->seen, g_hash_table_unref);
  g_clear_pointer (&run->handled_reschedules, g_hash_table_unref);
  g_clear_pointer (&run->deferred, g_hash_table_unref);
  g_clear_pointer (&run->candidates, g_ptr_array_unref);
  g_clear_pointer (&run->gone, g_ptr_array_unref);
  g_clear_pointer (&run->found, g_ptr_array_unref);
  g_free (run);
}

static void
set_uint_prop (CalbookSync *self,
               guint       *field,
               guint        value,
               int          prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_progress (CalbookSync *self,
              guint        pages_done,
              guint        pages_total,
              guint        bookings_done,
              guint        bookings_total)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_uint_prop (self, &self->pages_done, pages_done, PROP_PAGES_DONE);
  set_uint_prop (self, &self->pages_total, pages_total, PROP_PAGES_TOTAL);
  set_uint_prop (self, &self->bookings_done, bookings_done, PROP_BOOKINGS_DONE);
  set_uint_prop (self, &self->bookings_total, bookings_total, PROP_BOOKINGS_TOTAL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_boolean_prop (CalbookSync *self,
                  gboolean    *field,
                  gboolean     value,
                  int          prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_last_error (CalbookSync *self,
                const char  *message)
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
note_request_result (CalbookSync  *self,
                     const GError *error)
{
  if (error == NULL)
    set_boolean_prop (self, &self->online, TRUE, PROP_ONLINE);
  else if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NETWORK) ||
           g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_TLS))
    set_boolean_prop (self, &self->online, FALSE, PROP_ONLINE);
  else if (error->domain == CALBOOK_API_ERROR)
    set_boolean_prop (self, &self->online, TRUE, PROP_ONLINE);
}

static gboolean
was_self_sent (CalbookSync *self,
               const char  *uid)
{
  return self->outbox != NULL && calbook_outbox_was_sent_lately (self->outbox, uid);
}

static gboolean
is_self_email (const char *account_email,
               const char *actor_email)
{
  return account_email != NULL && *account_email != '\0' &&
         actor_email != NULL &&
         g_ascii_strcasecmp (account_email, actor_email) == 0;
}

static gboolean
are_strings_equal (GPtrArray *a,
                      GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
are_people_equal (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const CalbookPerson *pa = g_ptr_array_index (a, i);
      const CalbookPerson *pb = g_ptr_array_index (b, i);

      if (g_strcmp0 (pa->email, pb->email) != 0 || g_strcmp0 (pa->name, pb->name) != 0)
        return FALSE;
    }

  return TRUE;
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

static gboolean
has_new_no_show (CalbookBooking *now,
                      CalbookBooking *before)
{
  GPtrArray *attendees = calbook_booking_get_attendees (now);

  if (calbook_booking_get_absent_host (now) && !calbook_booking_get_absent_host (before))
    return TRUE;

  for (guint i = 0; i < attendees->len; i++)
    {
      const CalbookPerson *person = g_ptr_array_index (attendees, i);
      const CalbookPerson *old;

      if (!person->absent)
        continue;

      old = find_attendee (calbook_booking_get_attendees (before), person->email);
      if (old == NULL || !old->absent)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_content_changed (CalbookBooking *now,
                 CalbookBooking *before)
{
  return g_strcmp0 (calbook_booking_get_title (now), calbook_booking_get_title (before)) != 0 ||
         g_strcmp0 (calbook_booking_get_location (now),
                    calbook_booking_get_location (before)) != 0 ||
         calbook_booking_get_start (now) != calbook_booking_get_start (before) ||
         calbook_booking_get_end (now) != calbook_booking_get_end (before) ||
         !are_strings_equal (calbook_booking_get_guests (now),
                                calbook_booking_get_guests (before)) ||
         !are_people_equal (calbook_booking_get_attendees (now),
                        calbook_booking_get_attendees (before));
}

/* Works out what one booking's new version means compared with the stored one.
 * Returns the change, or %NULL when nothing a person cares about changed. */
static CalbookChange *
diff_booking (CalbookBooking *now,
              CalbookBooking *before,
              const char     *account_email,
              gboolean        self_sent)
{
  CalbookBookingStatus status = calbook_booking_get_status (now);
  CalbookBookingStatus old_status = calbook_booking_get_status (before);
  CalbookChangeKind kind;
  const char *actor = NULL;

  if (status != old_status)
    {
      switch (status)
        {
        case CALBOOK_BOOKING_STATUS_CANCELLED:
          kind = CALBOOK_CHANGE_CANCELLED;
          actor = calbook_booking_get_cancelled_by_email (now);
          break;

        case CALBOOK_BOOKING_STATUS_CONFIRMED:
          kind = old_status == CALBOOK_BOOKING_STATUS_PENDING
               ? CALBOOK_CHANGE_CONFIRMED
               : CALBOOK_CHANGE_UPDATED;
          break;

        case CALBOOK_BOOKING_STATUS_DECLINED:
          kind = CALBOOK_CHANGE_DECLINED;
          break;

        case CALBOOK_BOOKING_STATUS_RESCHEDULED:
          /* Handled by the caller: the old half of a move */
          g_assert_not_reached ();
          break;

        case CALBOOK_BOOKING_STATUS_PENDING:
        case CALBOOK_BOOKING_STATUS_OTHER:
        default:
          kind = CALBOOK_CHANGE_UPDATED;
          break;
        }
    }
  else if (has_new_no_show (now, before))
    kind = CALBOOK_CHANGE_NO_SHOW;
  else if (has_content_changed (now, before))
    kind = CALBOOK_CHANGE_UPDATED;
  else
    return NULL;

  return calbook_change_new (kind, now, before, actor,
                             self_sent || is_self_email (account_email, actor));
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

/* Scope for someone who keeps only their own bookings: the one rule */
static gboolean
is_in_scope (RunState       *run,
             CalbookBooking *booking)
{
  return !run->own_only || calbook_booking_involves_user (booking, run->user_id, run->email);
}

static CalbookPerson *
parse_membership (JsonObject *item)
{
  JsonObject *user = calbook_json_get_object (item, "user");
  g_autofree char *name = calbook_json_dup_string (user, "name");
  g_autofree char *email = calbook_json_dup_string (user, "email");
  CalbookPerson *person;
  gint64 user_id;

  if (user == NULL || !calbook_json_get_id (item, "userId", &user_id))
    return NULL;

  person = calbook_person_new (name, email);
  person->user_id = user_id;
  person->username = calbook_json_dup_string (user, "username");
  person->role = calbook_json_dup_string (item, "role");

  return person;
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

static gint64
parse_state_int (const char *value)
{
  gint64 ret = 0;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &ret, NULL))
    return 0;

  return ret;
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
 * Store jobs (worker threads)
 */

static char *
position_to_string (const Position *position)
{
  return g_strdup_printf ("2 %d %d %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %u %"
                          G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %"
                          G_GINT64_FORMAT,
                          position->full, position->phase, position->cursor_ms, position->tie,
                          position->tie_start_ms, position->tie_skip,
                          position->updated_from_ms, position->created_from_ms,
                          position->updated_mark_ms, position->created_mark_ms);
}

/* FALSE for text from an older Calbook, or damaged: the pass starts afresh */
static gboolean
position_from_string (const char *text,
                      Position   *position)
{
  g_auto(GStrv) fields = NULL;
  gint64 values[11];

  if (text == NULL)
    return FALSE;

  fields = g_strsplit (text, " ", -1);
  if (g_strv_length (fields) != G_N_ELEMENTS (values))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (!g_ascii_string_to_signed (fields[i], 10, 0, G_MAXINT64, &values[i], NULL))
        return FALSE;
    }

  if (values[0] != 2 || values[2] > PHASE_DONE || values[6] > G_MAXUINT)
    return FALSE;

  position->full = values[1] != 0;
  position->phase = (Phase) values[2];
  position->cursor_ms = values[3];
  position->tie = values[4] != 0;
  position->tie_start_ms = values[5];
  position->tie_skip = (guint) values[6];
  position->updated_from_ms = values[7];
  position->created_from_ms = values[8];
  position->updated_mark_ms = values[9];
  position->created_mark_ms = values[10];
  return TRUE;
}

/* A time member of a booking's text, read as the booking reads it, in ms;
 * 0 when absent, not text or not a time */
static gint64
read_stamp_ms (const char            *text,
               const CalbookJsonSpan *span)
{
  CalbookJsonReader reader;
  const char *value;
  gsize length;
  gint64 ms = 0;

  if (span->length == 0)
    return 0;

  calbook_json_reader_init (&reader, text + span->offset, span->length);
  if (calbook_json_reader_peek (&reader) != CALBOOK_JSON_TOKEN_STRING ||
      !calbook_json_reader_read_string (&reader, &value, &length, NULL) ||
      !calbook_booking_parse_time (value, length, &ms))
    ms = 0;
  calbook_json_reader_clear (&reader);

  return ms;
}

/* What the pass looks at in a booking's text before (or without) reading
 * it; the text was checked as JSON when the page came */
typedef enum
{
  KEY_UID,
  KEY_UPDATED_AT,
  KEY_CREATED_AT,
  KEY_START,
  N_KEYS
} Key;

static const char * const key_members[N_KEYS] = { "uid", "updatedAt", "createdAt", "start" };

static void
find_keys (const char      *text,
           CalbookJsonSpan *spans)
{
  calbook_json_find_members (text, strlen (text), key_members, N_KEYS, spans);
}

/* The uid in a booking's text, when it is text */
static char *
dup_key_uid (const char            *text,
             const CalbookJsonSpan *spans)
{
  const CalbookJsonSpan *span = &spans[KEY_UID];
  CalbookJsonReader reader;
  const char *value;
  gsize length;
  char *uid = NULL;

  if (span->length == 0)
    return NULL;

  calbook_json_reader_init (&reader, text + span->offset, span->length);
  if (calbook_json_reader_peek (&reader) == CALBOOK_JSON_TOKEN_STRING &&
      calbook_json_reader_read_string (&reader, &value, &length, NULL))
    uid = g_strndup (value, length);
  calbook_json_reader_clear (&reader);

  return uid;
}

typedef struct
{
  gboolean has_position;
  Position position;
  gint64   last_full;
} PrepareResult;

static void
prepare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CalbookSync *self = source_object;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);
  g_autoptr(GError) error = NULL;
  g_autofree char *position = NULL;
  g_autofree char *last_full = NULL;
  PrepareResult *result;

  if (!calbook_store_ensure_sound (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  position = calbook_store_get_state (self->store, STATE_POSITION, &error);
  if (error == NULL)
    last_full = calbook_store_get_state (self->store, STATE_LAST_FULL, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (PrepareResult, 1);
  result->has_position = position_from_string (position, &result->position);
  result->last_full = parse_state_int (last_full);
  g_task_return_pointer (task, result, g_free);
}

typedef struct
{
  RunState  *run;         /* borrowed: the pass outlives its jobs */
  GPtrArray *texts;       /* char *: the text of each booking, as it came */
  GPtrArray *unreadable;  /* CalbookApiUnreadable */
  char      *position;    /* where the pass stands once this page is written */
  GPtrArray *changes;     /* out: CalbookChange */
  guint      n_stored;    /* out */
  guint      n_removed;   /* out: bookings that left the scope */
  guint      n_new;       /* out: bookings met for the first time in this pass */
  gint64     changed_from; /* out: the span of the bookings written or removed, */
  gint64     changed_to;   /* before and after (UTC s); from > to when none */
} PageJob;

/* The page's span of changed bookings takes in @booking's times */
static void
widen_changed_span (PageJob        *job,
                    CalbookBooking *booking)
{
  gint64 start = calbook_booking_get_start (booking);

  job->changed_from = MIN (job->changed_from, start);
  job->changed_to = MAX (job->changed_to, MAX (calbook_booking_get_end (booking), start) + 1);
}

static void
page_job_free (gpointer data)
{
  PageJob *job = data;

  g_clear_pointer (&job->texts, g_ptr_array_unref);
  g_clear_pointer (&job->unreadable, g_ptr_array_unref);
  g_clear_pointer (&job->position, g_free);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_free (job);
}

/* The new half of a move: one RESCHEDULED change with the old booking as it was */
static void
handle_new_reschedule (CalbookSync    *self,
                       RunState       *run,
                       CalbookStore   *store,
                       CalbookBooking *booking,
                       GPtrArray      *page,
                       GPtrArray      *changes,
                       GError        **error)
{
  const char *from_uid = calbook_booking_get_rescheduled_from_uid (booking);
  g_autoptr(CalbookBooking) previous = NULL;
  Deferred *deferred;
  const char *actor;
  gboolean by_self;

  deferred = g_hash_table_lookup (run->deferred, from_uid);
  if (deferred != NULL)
    {
      previous = g_object_ref (deferred->before);
      g_hash_table_remove (run->deferred, from_uid);
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      previous = get_stored_booking (store, from_uid, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return;
        }

      /* Never seen before: the old half as this page has it is the best we know */
      if (previous == NULL && find_booking (page, from_uid) != NULL)
        previous = g_object_ref (find_booking (page, from_uid));
    }

  g_hash_table_add (run->handled_reschedules, g_strdup (from_uid));

  if (run->quiet)
    return;

  actor = calbook_booking_get_rescheduled_by_email (booking);
  if (actor == NULL && previous != NULL)
    actor = calbook_booking_get_rescheduled_by_email (previous);

  by_self = was_self_sent (self, from_uid) ||
            was_self_sent (self, calbook_booking_get_uid (booking)) ||
            is_self_email (run->email, actor);

  g_ptr_array_add (changes, calbook_change_new (CALBOOK_CHANGE_RESCHEDULED, booking, previous,
                                                actor, by_self));
}

/* The uid of a booking whose text is not JSON, found the simple way, so
 * that the one booking is kept aside once (not once per pass) and its
 * stored version is not taken for deleted; NULL when there is none */
static char *
guess_uid (const char *text)
{
  const char *p = strstr (text, "\"uid\"");
  const char *end;

  if (p == NULL)
    return NULL;

  p += strlen ("\"uid\"");
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  if (*p++ != ':')
    return NULL;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  if (*p++ != '"')
    return NULL;

  for (end = p; *end != '\0' && *end != '"' && *end != '\\' && end - p < 256; end++)
    ;
  if (*end != '"' || end == p || !g_utf8_validate (p, end - p, NULL))
    return NULL;

  return g_strndup (p, end - p);
}

/* A booking met in this pass, in one block: the table's key is its uid */
typedef struct
{
  gint64 updated_ms;
  char   uid[];
} Seen;

/* Notes @uid as met with @updated_ms; returns whether it is met for the
 * first time in this pass */
static gboolean
note_seen (RunState   *run,
           const char *uid,
           gint64      updated_ms)
{
  gsize length = strlen (uid);
  gboolean first = !g_hash_table_contains (run->seen, uid);
  Seen *seen = g_malloc (sizeof (Seen) + length + 1);

  seen->updated_ms = updated_ms;
  memcpy (seen->uid, uid, length + 1);
  /* Replace, not insert: the key lives in the value it replaces */
  g_hash_table_replace (run->seen, seen->uid, seen);
  return first;
}

/* Keeps aside a booking that could not be read, with why; it does not stop
 * the pass, and the stored version (if any) stays */
static void
keep_aside (CalbookSync *self,
            RunState    *run,
            const char  *uid,
            const char  *text,
            const char  *reason)
{
  g_autoptr(GError) error = NULL;

  run->n_bad++;
  g_message ("Keeping aside a booking Cal.com sent that could not be read (%s): %s",
             uid != NULL ? uid : "no uid", reason);

  /* Where a curious person can find it; losing that note loses nothing else */
  if (!calbook_store_reject_booking (self->store, uid, reason, text, &error))
    g_warning ("Could not keep aside an unreadable booking: %s", error->message);

  /* Met, though unreadable: never taken for deleted */
  if (uid != NULL)
    note_seen (run, uid, 0);
}

static void
process_page_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CalbookSync *self = source_object;
  PageJob *job = task_data;
  RunState *run = job->run;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) to_store = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out_of_scope = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 parsed;

  job->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_change_free);
  job->changed_from = G_MAXINT64;
  job->changed_to = G_MININT64;

  if (!calbook_store_ensure_sound (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A full pass writes page after page: the indexes stay in memory until
   * it ends (finish_run()) */
  calbook_store_set_bulk_writes (self->store, run->full);

  for (guint i = 0; i < job->unreadable->len; i++)
    {
      CalbookApiUnreadable *item = g_ptr_array_index (job->unreadable, i);
      g_autofree char *uid = guess_uid (item->text);

      keep_aside (self, run, uid, item->text, item->reason);
    }

  for (guint i = 0; i < job->texts->len; i++)
    {
      g_autoptr(GError) parse_error = NULL;
      const char *text = g_ptr_array_index (job->texts, i);
      CalbookJsonSpan keys[N_KEYS];
      CalbookBooking *booking;
      const Seen *seen;
      const char *uid;

      /* Unchanged since it was stored, byte for byte: nothing to build,
       * tell or write. Only where scope needs no look inside (an admin's
       * list): for someone who keeps only their own bookings, an unchanged
       * booking may still have left their scope with a new role. */
      if (!run->quiet && !run->own_only)
        {
          g_autofree char *item_uid = NULL;
          g_autofree char *stored = NULL;

          find_keys (text, keys);
          item_uid = dup_key_uid (text, keys);
          if (item_uid != NULL)
            stored = calbook_store_dup_booking_json (self->store, item_uid, &error);
          if (error != NULL)
            break;
          if (stored != NULL && strcmp (stored, text) == 0)
            {
              if (note_seen (run, item_uid, read_stamp_ms (text, &keys[KEY_UPDATED_AT])))
                job->n_new++;
              continue;
            }
        }

      booking = calbook_booking_new_from_json_string (text, -1, &parse_error);
      if (booking == NULL)
        {
          g_autofree char *item_uid = NULL;

          find_keys (text, keys);
          item_uid = dup_key_uid (text, keys);
          keep_aside (self, run, item_uid, text, parse_error->message);
          continue;
        }

      /* Met before in this pass, unchanged since: nothing to do */
      uid = calbook_booking_get_uid (booking);
      seen = g_hash_table_lookup (run->seen, uid);
      if (seen != NULL && seen->updated_ms == calbook_booking_get_updated_at_ms (booking))
        {
          g_object_unref (booking);
          continue;
        }

      if (note_seen (run, uid, calbook_booking_get_updated_at_ms (booking)))
        job->n_new++;

      /* An admin's list without Admin API, or one that left the person's
       * scope (reassigned, attendee removed): not theirs to keep */
      if (!is_in_scope (run, booking))
        {
          g_ptr_array_add (out_of_scope, g_strdup (uid));
          g_object_unref (booking);
          continue;
        }

      g_ptr_array_add (bookings, booking);
    }

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  parsed = g_get_monotonic_time ();

  for (guint i = 0; i < bookings->len; i++)
    {
      CalbookBooking *booking = g_ptr_array_index (bookings, i);
      const char *uid = calbook_booking_get_uid (booking);
      g_autoptr(CalbookBooking) before = NULL;
      CalbookChange *change;

      /* Nothing is told on a first sync: no need to read what is stored */
      if (run->quiet)
        {
          g_ptr_array_add (to_store, g_object_ref (booking));
          widen_changed_span (job, booking);
          continue;
        }

      before = get_stored_booking (self->store, uid, &error);
      if (error != NULL)
        break;

      /* Unchanged (the overlap, a full pass): nothing to tell, nothing to write */
      if (before != NULL && calbook_booking_equal (booking, before))
        continue;

      g_ptr_array_add (to_store, g_object_ref (booking));
      widen_changed_span (job, booking);
      if (before != NULL)
        widen_changed_span (job, before);

      if (before == NULL)
        {
          if (calbook_booking_get_rescheduled_from_uid (booking) != NULL)
            {
              handle_new_reschedule (self, run, self->store, booking, bookings, job->changes,
                                     &error);
              if (error != NULL)
                break;
            }
          else
            {
              g_ptr_array_add (job->changes,
                               calbook_change_new (CALBOOK_CHANGE_CREATED, booking, NULL, NULL,
                                                   was_self_sent (self, uid)));
            }
          continue;
        }

      if (calbook_booking_get_status (booking) == CALBOOK_BOOKING_STATUS_RESCHEDULED &&
          calbook_booking_get_status (before) != CALBOOK_BOOKING_STATUS_RESCHEDULED)
        {
          const char *to_uid = calbook_booking_get_rescheduled_to_uid (booking);
          g_autoptr(CalbookBooking) moved = NULL;
          Deferred *deferred;

          /* The old half of a move is part of the RESCHEDULED change of the new
           * half, reported when (or before) the new half shows up. */
          if (g_hash_table_contains (run->handled_reschedules, uid))
            continue;

          moved = get_stored_booking (self->store, to_uid, &error);
          if (error != NULL)
            break;
          if (moved != NULL)
            continue;

          deferred = g_new0 (Deferred, 1);
          deferred->now = g_object_ref (booking);
          deferred->before = g_object_ref (before);
          g_hash_table_replace (run->deferred, g_strdup (uid), deferred);
          continue;
        }

      change = diff_booking (booking, before, run->email, was_self_sent (self, uid));
      if (change != NULL)
        g_ptr_array_add (job->changes, change);
    }

  /* The page and where the pass stands after it, in one transaction: a pass
   * that stops goes on from here */
  if (error == NULL)
    calbook_store_upsert_bookings (self->store, to_store, STATE_POSITION, job->position, &error);

  if (error == NULL && out_of_scope->len > 0)
    calbook_store_delete_bookings (self->store, out_of_scope, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Stored %u of a page of %u bookings (%u changes, %u out of scope): parsed in %"
           G_GINT64_FORMAT " ms, stored in %" G_GINT64_FORMAT " ms",
           to_store->len, job->texts->len, job->changes->len, out_of_scope->len,
           (parsed - started) / 1000, (g_get_monotonic_time () - parsed) / 1000);

  job->n_stored = to_store->len;
  job->n_removed = out_of_scope->len;
  /* Where the removed ones were is not read */
  if (out_of_scope->len > 0)
    {
      job->changed_from = G_MININT64;
      job->changed_to = G_MAXINT64;
    }
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  RunState *run;
} ReconcileJob;

/*
 * Finds the stored bookings this full pass did not meet. For someone who
 * keeps only their own bookings, one that is no longer theirs is gone at
 * once; any other is asked for by uid before it is deleted (see
 * confirm_next_candidate()), since a booking that was not listed is not
 * proof that it is gone.
 */
static void
find_candidates_in_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  CalbookSync *self = source_object;
  ReconcileJob *job = task_data;
  RunState *run = job->run;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);
  g_autoptr(GPtrArray) uids = NULL;
  g_autoptr(GError) error = NULL;

  if (!calbook_store_ensure_sound (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The pages are written: the indexes a full pass put off are built here,
   * off the main thread (finish_run() would build them there), before the
   * reconciling reads and deletes */
  calbook_store_set_bulk_writes (self->store, FALSE);

  uids = calbook_store_list_uids (self->store, &error);
  if (uids == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < uids->len; i++)
    {
      const char *uid = g_ptr_array_index (uids, i);
      g_autoptr(CalbookBooking) booking = NULL;

      if (g_hash_table_contains (run->seen, uid))
        continue;

      if (run->own_only)
        {
          booking = get_stored_booking (self->store, uid, &error);
          if (error != NULL)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          if (booking == NULL || !is_in_scope (run, booking))
            {
              g_ptr_array_add (run->gone, g_strdup (uid));
              continue;
            }
        }

      g_ptr_array_add (run->candidates, g_strdup (uid));
    }

  g_task_return_boolean (task, TRUE);
}

static void
apply_reconcile_in_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  CalbookSync *self = source_object;
  ReconcileJob *job = task_data;
  RunState *run = job->run;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;

  if (!calbook_store_ensure_sound (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if ((run->gone->len > 0 && !calbook_store_delete_bookings (self->store, run->gone, &error)) ||
      (run->found->len > 0 &&
       !calbook_store_upsert_bookings (self->store, run->found, NULL, NULL, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  if (!calbook_store_set_state (self->store, STATE_LAST_FULL, now, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Now and then the whole file is read, off the main thread, when the
   * sync has nothing else to do */
  if (calbook_store_get_due_check (self->store) == CALBOOK_STORE_CHECK_FULL &&
      !calbook_store_run_check (self->store, CALBOOK_STORE_CHECK_FULL, &error))
    {
      /* The store remembers damage: later jobs are refused too */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
replace_members_in_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  CalbookSync *self = source_object;
  GPtrArray *members = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->store_lock);
  g_autoptr(GError) error = NULL;

  if (!calbook_store_ensure_sound (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!calbook_store_replace_members (self->store, members, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static GTask *
new_store_task (CalbookSync         *self,
                gpointer             task_data,
                GDestroyNotify       task_data_free,
                GAsyncReadyCallback  callback)
{
  GTask *task = g_task_new (self, NULL, callback, NULL);

  g_task_set_task_data (task, task_data, task_data_free);
  return task;
}


/*
 * The sync pass (main thread)
 */

static void
finish_run (CalbookSync  *self,
            const GError *error)
{
  g_autoptr(GPtrArray) tasks = NULL;
  gboolean again;
  gboolean again_full;

  g_assert (self->run != NULL);

  if (error == NULL && self->run->n_bad > 0)
    {
      g_autofree char *message = NULL;

      /* Bookings that could not be read are kept aside; they neither stop
       * the pass nor the reconciling of the rest, but are worth a note */
      message = g_strdup_printf (ngettext ("Cal.com sent %u booking that could not be read",
                                           "Cal.com sent %u bookings that could not be read",
                                           self->run->n_bad),
                                 self->run->n_bad);
      set_last_error (self, message);
    }
  else if (error == NULL)
    set_last_error (self, NULL);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Sync failed: %s", error->message);
      set_last_error (self, error->message);
    }

  /* What a full pass kept in memory is given back. No job runs now but one
   * that outlived a failure; then the next pass's first page does it. */
  if (self->run->full && g_mutex_trylock (&self->store_lock))
    {
      calbook_store_set_bulk_writes (self->store, FALSE);
      g_mutex_unlock (&self->store_lock);
    }

  g_clear_pointer (&self->run, run_state_free);
  g_clear_object (&self->cancellable);

  tasks = g_steal_pointer (&self->run_tasks);
  self->run_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  again = self->follow_up;
  again_full = self->follow_up_full;
  self->follow_up = FALSE;
  self->follow_up_full = FALSE;

  if (!again)
    set_boolean_prop (self, &self->syncing, FALSE, PROP_SYNCING);

  g_object_ref (self);

  complete_tasks (tasks, error);
  g_signal_emit (self, signals[FINISHED], 0, error == NULL);

  if (again)
    {
      /* A callback may have started a pass already; it began after these
       * requests were made, so it answers them */
      g_ptr_array_extend_and_steal (self->run_tasks, g_steal_pointer (&self->next_tasks));
      self->next_tasks = g_ptr_array_new_with_free_func (g_object_unref);
      if (self->run == NULL)
        start_run (self, again_full);
    }

  g_object_unref (self);
}

static void
on_reconcile_applied_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CalbookSync *self = CALBOOK_SYNC (object);
  RunState *run = self->run;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      finish_run (self, error);
      return;
    }

  if (run->gone->len > 0 || run->found->len > 0)
    {
      g_debug ("Reconciled: removed %u bookings that are gone or out of scope, stored %u "
               "that the list had missed", run->gone->len, run->found->len);
      g_signal_emit (self, signals[BOOKINGS_CHANGED_IN], 0, G_MININT64, G_MAXINT64);
      g_signal_emit (self, signals[BOOKINGS_CHANGED], 0);
    }

  finish_run (self, NULL);
}

static void confirm_next_candidate (CalbookSync *self);

static void
on_candidate_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CalbookSync) self = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  RunState *run = self->run;
  const char *uid = g_ptr_array_index (run->candidates, run->next_candidate);
  CalbookBooking *found = NULL;

  run->next_candidate++;

  node = calbook_api_client_get_booking_finish (CALBOOK_API_CLIENT (object), result, &error);
  note_request_result (self, error);

  if (node == NULL)
    {
      /* Only Cal.com's word that it is gone (or not this person's to see)
       * deletes a booking; anything else leaves the store as it is */
      if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_NOT_FOUND) ||
          g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN))
        {
          g_ptr_array_add (run->gone, g_strdup (uid));
          confirm_next_candidate (self);
          return;
        }

      finish_run (self, error);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    found = calbook_booking_new_from_json (json_node_get_object (node), NULL);

  if (found == NULL)
    {
      /* There, but not readable as one booking: keep what is stored */
      g_debug ("Booking %s was not listed but exists; kept", uid);
    }
  else if (!is_in_scope (run, found))
    {
      g_ptr_array_add (run->gone, g_strdup (uid));
      g_object_unref (found);
    }
  else
    {
      g_ptr_array_add (run->found, found);
    }

  confirm_next_candidate (self);
}

static void
confirm_next_candidate (CalbookSync *self)
{
  RunState *run = self->run;
  g_autoptr(GTask) task = NULL;
  ReconcileJob *job;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("The sync was cancelled"));
      finish_run (self, error);
      return;
    }

  if (run->next_candidate < run->candidates->len)
    {
      calbook_api_client_get_booking_async (self->client,
                                            g_ptr_array_index (run->candidates,
                                                               run->next_candidate),
                                            self->cancellable, on_candidate_cb,
                                            g_object_ref (self));
      return;
    }

  job = g_new0 (ReconcileJob, 1);
  job->run = run;
  task = new_store_task (self, job, g_free, on_reconcile_applied_cb);
  g_task_run_in_thread (task, apply_reconcile_in_thread);
}

static void
on_candidates_found_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CalbookSync *self = CALBOOK_SYNC (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      finish_run (self, error);
      return;
    }

  confirm_next_candidate (self);
}

static void
end_pass (CalbookSync *self)
{
  RunState *run = self->run;
  g_autoptr(GPtrArray) changes = NULL;
  GHashTableIter iter;
  gpointer value;

  /* Moves whose new half this account doesn't see: still one change each */
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_change_free);
  g_hash_table_iter_init (&iter, run->deferred);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Deferred *deferred = value;
      const char *actor = calbook_booking_get_rescheduled_by_email (deferred->now);
      gboolean by_self = was_self_sent (self, calbook_booking_get_uid (deferred->now)) ||
                         is_self_email (run->email, actor);

      g_ptr_array_add (changes,
                       calbook_change_new (CALBOOK_CHANGE_RESCHEDULED, deferred->now,
                                           deferred->before, actor, by_self));
    }
  g_hash_table_remove_all (run->deferred);

  if (changes->len > 0)
    g_signal_emit (self, signals[CHANGES], 0, changes);

  set_progress (self, self->pages_done, self->pages_done, self->bookings_done,
                self->bookings_done);

  /* A pass that went on from one that stopped did not meet what came
   * before it, so it can't tell what is gone: the next full pass will */
  if (run->full && !run->resumed)
    {
      g_autoptr(GTask) task = NULL;
      ReconcileJob *job = g_new0 (ReconcileJob, 1);

      job->run = run;
      task = new_store_task (self, job, g_free, on_candidates_found_cb);
      g_task_run_in_thread (task, find_candidates_in_thread);
      return;
    }

  finish_run (self, NULL);
}

static void advance (CalbookSync *self);

static void
on_page_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CalbookSync *self = CALBOOK_SYNC (object);
  PageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  RunState *run = self->run;
  guint n_new;

  run->storing = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (run->error == NULL)
        run->error = g_steal_pointer (&error);
      advance (self);
      return;
    }

  /* Pages overlap by a row or more, so progress counts bookings met */
  n_new = job->n_new + job->unreadable->len;

  if (job->changes->len > 0)
    g_signal_emit (self, signals[CHANGES], 0, job->changes);
  if (job->n_stored > 0 || job->n_removed > 0)
    {
      g_signal_emit (self, signals[BOOKINGS_CHANGED_IN], 0, job->changed_from, job->changed_to);
      g_signal_emit (self, signals[BOOKINGS_CHANGED], 0);
    }

  set_progress (self,
                self->pages_done + 1,
                MAX (self->pages_total, self->pages_done + 1),
                self->bookings_done + n_new,
                MAX (self->bookings_total, self->bookings_done + n_new));

  advance (self);
}

static void
store_page (CalbookSync *self,
            PageJob     *job)
{
  g_autoptr(GTask) task = NULL;

  g_assert (!self->run->storing);

  self->run->storing = TRUE;
  task = g_task_new (self, NULL, on_page_stored_cb, NULL);
  g_task_set_task_data (task, job, page_job_free);
  g_task_run_in_thread (task, process_page_in_thread);
}

static void
next_phase (Position *position)
{
  position->tie = FALSE;
  position->tie_start_ms = 0;
  position->tie_skip = 0;

  if (position->full && position->phase == PHASE_CREATED)
    {
      position->phase = PHASE_UPDATED;
      position->cursor_ms = position->updated_from_ms;
    }
  else if (!position->full && position->phase == PHASE_UPDATED)
    {
      position->phase = PHASE_CREATED;
      position->cursor_ms = position->created_from_ms;
    }
  else
    {
      position->phase = PHASE_DONE;
    }
}

/*
 * Where the walk goes after a page: past the newest stamp of the page
 * (inclusive, so rows sharing it are met again, not skipped), into the
 * stamp when the whole page shares it, and to the next walk after a short
 * page. Also keeps the newest stamps seen, where the next pass starts.
 */
static void
move_position (Position  *position,
               GPtrArray *texts,
               guint      n_items)
{
  gint64 newest = 0;
  gint64 newest_start = 0;
  gboolean full_page = n_items >= CALBOOK_SYNC_PAGE_SIZE;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      CalbookJsonSpan keys[N_KEYS];
      gint64 updated;
      gint64 created;

      find_keys (text, keys);
      updated = read_stamp_ms (text, &keys[KEY_UPDATED_AT]);
      created = read_stamp_ms (text, &keys[KEY_CREATED_AT]);

      position->updated_mark_ms = MAX (position->updated_mark_ms, updated);
      position->created_mark_ms = MAX (position->created_mark_ms, created);
      newest = MAX (newest, position->phase == PHASE_CREATED ? created : updated);
      if (position->tie)
        newest_start = MAX (newest_start, read_stamp_ms (text, &keys[KEY_START]));
    }

  if (!position->tie)
    {
      if (!full_page)
        next_phase (position);
      else if (newest > position->cursor_ms)
        position->cursor_ms = newest;
      else
        {
          /* A whole page with the one stamp: going on from it would loop */
          position->tie = TRUE;
          position->tie_start_ms = 0;
          position->tie_skip = 0;
        }
    }
  else
    {
      if (!full_page)
        {
          position->tie = FALSE;
          position->cursor_ms++;
        }
      else if (newest_start > position->tie_start_ms)
        {
          position->tie_start_ms = newest_start;
          position->tie_skip = 0;
        }
      else
        {
          /* Even the start is shared by a whole page: the last resort */
          position->tie_skip += n_items;
        }
    }
}

static void
on_bookings_page_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CalbookSync) self = user_data;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;
  RunState *run = self->run;
  PageJob *job;

  run->fetching = FALSE;

  page = calbook_api_client_list_bookings_finish (CALBOOK_API_CLIENT (object), result, &error);
  note_request_result (self, error);

  if (page == NULL)
    {
      /* An admin whose organization has no Admin API: fall back to their own */
      if (run->org_id > 0 && run->n_fetched == 0 &&
          g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN))
        {
          g_debug ("Organization bookings refused, syncing own bookings: %s", error->message);
          run->org_id = 0;
          run->own_only = TRUE;
          /* The same answer the role probe takes for "a member": the
           * outbox and the views go by it too */
          calbook_account_note_organization_refused (self->account);
          advance (self);
          return;
        }

      if (run->error == NULL)
        run->error = g_steal_pointer (&error);
      advance (self);
      return;
    }

  run->n_fetched++;

  if (run->position.phase == PHASE_PROBE)
    {
      gint64 newest = 0;

      /* Changes made from now on are stamped at least this: the walk by
       * updatedAt after the one by createdAt starts there */
      if (page->texts->len > 0)
        {
          const char *text = g_ptr_array_index (page->texts, 0);
          CalbookJsonSpan keys[N_KEYS];

          find_keys (text, keys);
          newest = read_stamp_ms (text, &keys[KEY_UPDATED_AT]);
        }
      run->position.updated_from_ms = MAX (1, newest - OVERLAP_MS);
      run->position.phase = PHASE_CREATED;
      run->position.cursor_ms = 0;

      /* Cal.com's count ignores the stamp bounds: it is the whole list */
      set_progress (self, 0, MAX (1, (page->total_items + CALBOOK_SYNC_PAGE_SIZE - 1) /
                                     CALBOOK_SYNC_PAGE_SIZE),
                    0, page->total_items);
      advance (self);
      return;
    }

  move_position (&run->position, page->texts, page->texts->len + page->unreadable->len);
  run->fetched_all = run->position.phase == PHASE_DONE;

  job = g_new0 (PageJob, 1);
  job->run = run;
  job->texts = g_steal_pointer (&page->texts);
  job->unreadable = g_steal_pointer (&page->unreadable);
  job->position = position_to_string (&run->position);

  g_assert (run->pending == NULL);
  run->pending = job;

  advance (self);
}

/* Moves the pass on: pages are fetched one at a time and written one at a
 * time, in order; the next page is fetched while the one before is written,
 * so the network and the disk work side by side. */
static void
advance (CalbookSync *self)
{
  RunState *run = self->run;

  if (run->error == NULL && g_cancellable_is_cancelled (self->cancellable))
    run->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                      _("The sync was cancelled"));

  if (run->error != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* What is in flight lands first; a fetched page is dropped */
      if (run->fetching || run->storing)
        return;

      error = g_steal_pointer (&run->error);
      finish_run (self, error);
      return;
    }

  if (!run->storing && run->pending != NULL)
    store_page (self, g_steal_pointer (&run->pending));

  /* At most one page waits in memory */
  if (!run->fetching && !run->fetched_all && run->pending == NULL)
    fetch_page (self);

  if (!run->fetching && !run->storing && run->pending == NULL && run->fetched_all)
    end_pass (self);
}

static void
fetch_page (CalbookSync *self)
{
  RunState *run = self->run;
  const Position *position = &run->position;
  CalbookApiBookingQuery query = { 0, };

  query.take = CALBOOK_SYNC_PAGE_SIZE;
  /* Each booking is read from its text, in the worker: no tree is built */
  query.texts_only = TRUE;

  switch (position->phase)
    {
    case PHASE_PROBE:
      query.sort = CALBOOK_API_SORT_UPDATED_DESC;
      /* Null stamps sort first going down; a bound leaves them out */
      query.after_updated_ms = 1;
      query.take = 1;
      break;

    case PHASE_CREATED:
    case PHASE_UPDATED:
      {
        gint64 *after = position->phase == PHASE_CREATED ? &query.after_created_ms
                                                         : &query.after_updated_ms;
        gint64 *before = position->phase == PHASE_CREATED ? &query.before_created_ms
                                                          : &query.before_updated_ms;

        /* The walk by updatedAt always has a bound, so that null stamps
         * (met in the walk by createdAt) stay out of it */
        *after = position->phase == PHASE_UPDATED ? MAX (1, position->cursor_ms)
                                                  : position->cursor_ms;
        if (position->tie)
          {
            *before = *after;
            query.sort = CALBOOK_API_SORT_START_ASC;
            query.after_start_ms = position->tie_start_ms;
            query.skip = position->tie_skip;
          }
        else
          {
            query.sort = position->phase == PHASE_CREATED ? CALBOOK_API_SORT_CREATED_ASC
                                                          : CALBOOK_API_SORT_UPDATED_ASC;
          }
      }
      break;

    case PHASE_DONE:
    default:
      g_assert_not_reached ();
    }

  run->fetching = TRUE;
  calbook_api_client_list_bookings_async (self->client, run->org_id, &query, self->cancellable,
                                          on_bookings_page_cb, g_object_ref (self));
}

static void
on_members_stored_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CalbookSync *self = CALBOOK_SYNC (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      finish_run (self, error);
      return;
    }

  advance (self);
}

static void fetch_members_page (CalbookSync *self);

static void
on_members_page_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CalbookSync) self = user_data;
  g_autoptr(CalbookApiPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  RunState *run = self->run;

  page = calbook_api_client_list_memberships_finish (CALBOOK_API_CLIENT (object), result, &error);
  note_request_result (self, error);

  if (page == NULL)
    {
      /* Members are a nicety for the admin window; the bookings still sync */
      if (g_error_matches (error, CALBOOK_API_ERROR, CALBOOK_API_ERROR_FORBIDDEN))
        {
          g_debug ("Memberships refused: %s", error->message);
          advance (self);
          return;
        }

      finish_run (self, error);
      return;
    }

  for (guint i = 0; i < page->items->len; i++)
    {
      CalbookPerson *person = parse_membership (g_ptr_array_index (page->items, i));

      if (person != NULL)
        g_ptr_array_add (run->members, person);
    }

  if (page->has_next_page && page->items->len > 0)
    {
      run->member_skip += page->items->len;
      fetch_members_page (self);
      return;
    }

  task = new_store_task (self, g_steal_pointer (&run->members),
                         (GDestroyNotify) g_ptr_array_unref, on_members_stored_cb);
  g_task_run_in_thread (task, replace_members_in_thread);
}

static void
fetch_members_page (CalbookSync *self)
{
  calbook_api_client_list_memberships_async (self->client, self->run->org_id,
                                             CALBOOK_API_MAX_TAKE, self->run->member_skip,
                                             self->cancellable, on_members_page_cb,
                                             g_object_ref (self));
}

static void
begin_fetching (CalbookSync *self)
{
  if (self->run->org_id > 0)
    fetch_members_page (self);
  else
    advance (self);
}

static void
on_role_refreshed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CalbookSync) self = user_data;
  g_autoptr(GError) error = NULL;
  RunState *run = self->run;
  Position *position = &run->position;
  gboolean changed;
  gboolean admin;

  changed = calbook_account_refresh_role_finish (CALBOOK_ACCOUNT (object), result, &error);
  note_request_result (self, error);
  if (error != NULL)
    {
      finish_run (self, error);
      return;
    }

  self->role_checked = TRUE;
  if (!changed)
    {
      begin_fetching (self);
      return;
    }

  /* Another role sees another set of bookings: a fresh full pass, whose
   * reconciling removes what the new role may not keep */
  admin = calbook_account_is_admin (self->account);
  g_debug ("The role changed (admin: %d): starting a full pass", admin);
  run->own_only = !admin;
  run->org_id = admin ? calbook_account_get_organization_id (self->account) : 0;
  run->full = TRUE;
  run->resumed = FALSE;
  position->full = TRUE;
  position->phase = PHASE_PROBE;
  position->cursor_ms = 0;
  position->tie = FALSE;
  position->tie_start_ms = 0;
  position->tie_skip = 0;

  begin_fetching (self);
}

static void
on_prepared_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CalbookSync *self = CALBOOK_SYNC (object);
  g_autofree PrepareResult *prepared = NULL;
  g_autoptr(GError) error = NULL;
  RunState *run = self->run;
  Position *position = &run->position;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  prepared = g_task_propagate_pointer (G_TASK (result), &error);
  if (prepared == NULL)
    {
      finish_run (self, error);
      return;
    }

  /* A new install would otherwise announce every booking it ever had */
  run->quiet = prepared->last_full == 0;

  if (prepared->has_position && prepared->position.phase != PHASE_DONE)
    {
      /* The last pass stopped (offline, quit, a failure): go on from there */
      *position = prepared->position;
      run->full = position->full;
      run->resumed = TRUE;
      g_debug ("Resuming a %s pass at phase %d",
               run->full ? "full" : "incremental", position->phase);
    }
  else
    {
      guint full_interval = run->own_only ? MIN (self->full_interval,
                                                 CALBOOK_SYNC_OWN_FULL_INTERVAL)
                                          : self->full_interval;

      run->full = run->full ||
                  !prepared->has_position ||
                  prepared->last_full == 0 ||
                  now - prepared->last_full >= (gint64) full_interval;

      if (prepared->has_position)
        {
          position->updated_mark_ms = prepared->position.updated_mark_ms;
          position->created_mark_ms = prepared->position.created_mark_ms;
        }

      position->full = run->full;
      if (run->full)
        {
          position->phase = PHASE_PROBE;
        }
      else
        {
          position->phase = PHASE_UPDATED;
          position->updated_from_ms = MAX (1, position->updated_mark_ms - OVERLAP_MS);
          position->created_from_ms = MAX (0, position->created_mark_ms - OVERLAP_MS);
          position->cursor_ms = position->updated_from_ms;
        }
    }

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                         _("The sync was cancelled"));
      finish_run (self, cancelled);
      return;
    }

  /* A role changes on the server without a word: ask at start and on every
   * full pass, before reading what the role decides */
  if (run->full || !self->role_checked)
    {
      calbook_account_refresh_role_async (self->account, self->client, self->cancellable,
                                          on_role_refreshed_cb, g_object_ref (self));
      return;
    }

  begin_fetching (self);
}

static void
start_run (CalbookSync *self,
           gboolean     full)
{
  g_autoptr(GTask) task = NULL;
  RunState *run;

  g_assert (self->run == NULL);

  run = g_new0 (RunState, 1);
  run->full = full;
  run->user_id = calbook_account_get_user_id (self->account);
  run->email = g_strdup (calbook_account_get_email (self->account));
  /* Only an organization admin sees more than their own bookings; anyone
   * else keeps only those (an admin of a team, or of an organization
   * without the Admin API, gets more from /v2/bookings than that) */
  run->own_only = !calbook_account_is_admin (self->account);
  run->org_id = calbook_account_is_admin (self->account)
              ? calbook_account_get_organization_id (self->account)
              : 0;
  run->members = g_ptr_array_new_with_free_func ((GDestroyNotify) calbook_person_unref);
  run->seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  run->handled_reschedules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->deferred = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, deferred_free);
  run->candidates = g_ptr_array_new_with_free_func (g_free);
  run->gone = g_ptr_array_new_with_free_func (g_free);
  run->found = g_ptr_array_new_with_free_func (g_object_unref);

  self->run = run;
  self->cancellable = g_cancellable_new ();

  set_boolean_prop (self, &self->syncing, TRUE, PROP_SYNCING);
  set_progress (self, 0, 0, 0, 0);

  task = new_store_task (self, NULL, NULL, on_prepared_cb);
  g_task_run_in_thread (task, prepare_in_thread);
}


/*
 * GObject overrides
 */

static void
calbook_sync_dispose (GObject *object)
{
  CalbookSync *self = CALBOOK_SYNC (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (calbook_sync_parent_class)->dispose (object);
}

static void
calbook_sync_finalize (GObject *object)
{
  CalbookSync *self = CALBOOK_SYNC (object);

  g_clear_object (&self->account);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->run_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->next_tasks, g_ptr_array_unref);
  g_clear_object (&self->outbox);
  g_clear_pointer (&self->last_error, g_free);
  g_mutex_clear (&self->store_lock);

  G_OBJECT_CLASS (calbook_sync_parent_class)->finalize (object);
}

static void
calbook_sync_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CalbookSync *self = CALBOOK_SYNC (object);

  switch (prop_id)
    {
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, calbook_sync_get_progress (self));
      break;

    case PROP_PAGES_DONE:
      g_value_set_uint (value, self->pages_done);
      break;

    case PROP_PAGES_TOTAL:
      g_value_set_uint (value, self->pages_total);
      break;

    case PROP_BOOKINGS_DONE:
      g_value_set_uint (value, self->bookings_done);
      break;

    case PROP_BOOKINGS_TOTAL:
      g_value_set_uint (value, self->bookings_total);
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
calbook_sync_class_init (CalbookSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = calbook_sync_dispose;
  object_class->finalize = calbook_sync_finalize;
  object_class->get_property = calbook_sync_get_property;

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PAGES_DONE] =
    g_param_spec_uint ("pages-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PAGES_TOTAL] =
    g_param_spec_uint ("pages-total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BOOKINGS_DONE] =
    g_param_spec_uint ("bookings-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BOOKINGS_TOTAL] =
    g_param_spec_uint ("bookings-total", NULL, NULL, 0, G_MAXUINT, 0,
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

  signals[BOOKINGS_CHANGED_IN] =
    g_signal_new ("bookings-changed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  signals[BOOKINGS_CHANGED] =
    g_signal_new ("bookings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
calbook_sync_init (CalbookSync *self)
{
  g_mutex_init (&self->store_lock);
  self->run_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->next_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->full_interval = CALBOOK_SYNC_FULL_INTERVAL;
  self->online = TRUE;
}


/*
 * Public API
 */

/**
 * calbook_sync_new:
 * @account: the signed-in account (decides the scope: own or organization)
 * @client: the API client holding the account's key
 * @store_path: the account's store file; the sync opens its own connection
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a new sync engine, idle until started
 */
CalbookSync *
calbook_sync_new (CalbookAccount    *account,
                  CalbookApiClient  *client,
                  const char        *store_path,
                  GError           **error)
{
  g_autoptr(CalbookSync) self = NULL;

  g_return_val_if_fail (CALBOOK_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (CALBOOK_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CALBOOK_TYPE_SYNC, NULL);
  self->account = g_object_ref (account);
  self->client = g_object_ref (client);
  self->store = calbook_store_open (store_path, error);
  if (self->store == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * calbook_sync_stop:
 * @self: a sync
 *
 * Cancels the running pass and the follow-up asked for meanwhile (for
 * signing out, or closing). The sync keeps no schedule of its own: the
 * context decides when passes run.
 */
void
calbook_sync_stop (CalbookSync *self)
{
  g_return_if_fail (CALBOOK_IS_SYNC (self));

  calbook_sync_cancel (self);
}

/**
 * calbook_sync_run_async:
 * @self: a sync
 * @full: also reconcile: page through everything and drop what Cal.com no
 *   longer returns
 * @callback: called when the pass (or the follow-up it was folded into) ends
 * @user_data: data for @callback
 *
 * Runs one pass. While one runs, calls are folded into a single follow-up
 * pass, and their callbacks are called when that one ends.
 */
void
calbook_sync_run_async (CalbookSync         *self,
                        gboolean             full,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CALBOOK_IS_SYNC (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, calbook_sync_run_async);

  if (self->run != NULL)
    {
      self->follow_up = TRUE;
      self->follow_up_full |= full;
      g_ptr_array_add (self->next_tasks, g_steal_pointer (&task));
      return;
    }

  g_ptr_array_add (self->run_tasks, g_steal_pointer (&task));
  start_run (self, full);
}

/**
 * calbook_sync_run_finish:
 * @self: a sync
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the pass completed
 */
gboolean
calbook_sync_run_finish (CalbookSync   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CALBOOK_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * calbook_sync_request:
 * @self: a sync
 * @full: see calbook_sync_run_async()
 *
 * Asks for a pass without waiting for it.
 */
void
calbook_sync_request (CalbookSync *self,
                      gboolean     full)
{
  g_return_if_fail (CALBOOK_IS_SYNC (self));

  calbook_sync_run_async (self, full, NULL, NULL);
}

/**
 * calbook_sync_cancel:
 * @self: a sync
 *
 * Stops the running pass (and drops a pending follow-up). What was stored so
 * far stays: every page went in whole, with where the pass stood.
 */
void
calbook_sync_cancel (CalbookSync *self)
{
  g_return_if_fail (CALBOOK_IS_SYNC (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  self->follow_up = FALSE;
  self->follow_up_full = FALSE;
  g_ptr_array_extend_and_steal (self->run_tasks, g_steal_pointer (&self->next_tasks));
  self->next_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * calbook_sync_set_outbox:
 * @self: a sync
 * @outbox: (nullable): the outbox that sends this account's changes
 *
 * Changes the outbox sent lately are told as the person's own.
 */
void
calbook_sync_set_outbox (CalbookSync   *self,
                         CalbookOutbox *outbox)
{
  g_return_if_fail (CALBOOK_IS_SYNC (self));
  g_return_if_fail (outbox == NULL || CALBOOK_IS_OUTBOX (outbox));

  g_set_object (&self->outbox, outbox);
}

/**
 * calbook_sync_set_full_interval:
 * @self: a sync
 * @seconds: how old the last full reconciliation may be
 */
void
calbook_sync_set_full_interval (CalbookSync *self,
                                guint        seconds)
{
  g_return_if_fail (CALBOOK_IS_SYNC (self));

  self->full_interval = seconds;
}

/**
 * calbook_sync_get_syncing:
 * @self: a sync
 *
 * Returns: whether a pass is running
 */
gboolean
calbook_sync_get_syncing (CalbookSync *self)
{
  g_return_val_if_fail (CALBOOK_IS_SYNC (self), FALSE);

  return self->syncing;
}

/**
 * calbook_sync_get_progress:
 * @self: a sync
 *
 * Returns: the running pass's progress from 0 to 1, by bookings (by pages
 *   while the total is unknown)
 */
double
calbook_sync_get_progress (CalbookSync *self)
{
  g_return_val_if_fail (CALBOOK_IS_SYNC (self), 0.0);

  if (self->bookings_total > 0)
    return CLAMP ((double) self->bookings_done / self->bookings_total, 0.0, 1.0);
  if (self->pages_total > 0)
    return CLAMP ((double) self->pages_done / self->pages_total, 0.0, 1.0);

  return 0.0;
}

/**
 * calbook_sync_get_pages_done:
 * @self: a sync
 *
 * Returns: pages of the running (or last) pass stored so far
 */
guint
calbook_sync_get_pages_done (CalbookSync *self)
{
  g_return_val_if_fail (CALBOOK_IS_SYNC (self), 0);

  return self->pages_done;
}

/**
 * calbook_sync_get_pages_total:
 * @self: a sync
 *
 * Returns: pages the running (or last) pass has, from Cal.com's totalItems
 */
guint
calbook_sync_get_pages_total (CalbookSync *self)
{
  g_return_val_if_fail (CALBOOK_IS_SYNC (self), 0);

  return self->pages_total;
}

/**
 * calbook_sync_get_bookings_done:
 * @self: a sync
 *
 * Returns: bookings of the running (or last) pass stored so far
 */
guint
calbook_sync_get_bookings_done (CalbookSync *self)
{
  g_return_val_if_fail (CALBOOK_IS_SYNC (self), 0);

  return self->bookings_done;
}

/**
 * calbook_sync_get_bookings_total:
 * @self: a sync
 *
 * Returns: bookings the running (or last) pass has (totalItems)
 */
guint
calbook_sync_get_bookings_total (CalbookSync *self)
{
  g_return_val_if_fail (CALBOOK_IS_SYNC (self), 0);

  return self->bookings_total;
}

/**
 * calbook_sync_get_online:
 * @self: a sync
 *
 * Returns: whether the last request reached the server
 */
gboolean
calbook_sync_get_online (CalbookSync *self)
{
  g_return_val_if_fail (CALBOOK_IS_SYNC (self), FALSE);

  return self->online;
}

/**
 * calbook_sync_get_last_error:
 * @self: a sync
 *
 * Returns: (nullable): why the last pass stopped, for a person
 */
const char *
calbook_sync_get_last_error (CalbookSync *self)
{
  g_return_val_if_fail (CALBOOK_IS_SYNC (self), NULL);

  return self->last_error;
}
