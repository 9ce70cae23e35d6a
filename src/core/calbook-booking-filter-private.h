/* calbook-booking-filter-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking-filter.h"

G_BEGIN_DECLS

/*
 * The word rule shared by calbook_booking_filter_matches() and the store's
 * full-text index, so that both sides can only ever agree. See the comment
 * on CalbookBookingFilter for the rule itself.
 *
 * The store keeps the words it made when a booking was written: changing the
 * rule needs a schema step in calbook-store.c that rewrites
 * booking_data.words and rebuilds the index.
 */

/* (transfer full) (element-type utf8): the normalized words of @text, in order */
GPtrArray *_calbook_booking_filter_split_words     (const char     *text);
/* The same words, every character through the Unicode passes: what the
 * shortcuts of _calbook_booking_filter_split_words() must agree with */
GPtrArray *_calbook_booking_filter_split_words_by_full_rule (const char *text);
/* (transfer full): the normalized words of everything searchable in @booking,
 * separated by single spaces (what the store puts in its full-text index) */
char      *_calbook_booking_filter_dup_words       (CalbookBooking *booking);
/* (transfer full) (element-type utf8): the words a search for @text uses:
 * repeats and words another word begins with dropped, at most a fixed number
 * of them from a fixed length of text; @out_cut tells whether some were left out */
GPtrArray *_calbook_booking_filter_dup_search_words (const char *text,
                                                    gboolean   *out_cut);
/* (transfer full) (nullable): an FTS5 query for the filter's text, made only of
 * quoted prefix tokens; %NULL when the text has no words */
char      *_calbook_booking_filter_dup_fts_query   (const CalbookBookingFilter *self);

G_END_DECLS
