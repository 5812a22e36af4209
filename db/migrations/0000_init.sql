CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`ip` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`kind` text DEFAULT 'email' NOT NULL,
	`email` text,
	`name` text,
	`label` text,
	`seminar_id` integer,
	`seminar_role` text,
	`network_role` text DEFAULT 'member' NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`invited_by_id` integer,
	`expires_at` integer NOT NULL,
	`max_uses` integer DEFAULT 1 NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`required_domain` text,
	`accepted_at` integer,
	`accepted_user_id` integer,
	`revoked_at` integer,
	`batch_id` integer,
	`via_link_id` integer,
	`source` text DEFAULT 'staff' NOT NULL,
	`opened_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`accepted_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_via_link_idx` ON `invitations` (`via_link_id`,`email`);--> statement-breakpoint
CREATE INDEX `invitations_email_idx` ON `invitations` (`email`);--> statement-breakpoint
CREATE INDEX `invitations_seminar_idx` ON `invitations` (`seminar_id`);--> statement-breakpoint
CREATE INDEX `invitations_accepted_user_idx` ON `invitations` (`accepted_user_id`,`accepted_at`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`run_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`progress` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`seminar_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`seminar_id`, `user_id`),
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`,`seminar_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text,
	`kind` text DEFAULT 'generic' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`list_unsubscribe` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_to_idx` ON `outbox` (`to_address`);--> statement-breakpoint
CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` integer NOT NULL,
	`blocked_until` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `seminars` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`description_md` text DEFAULT '' NOT NULL,
	`description_html` text DEFAULT '' NOT NULL,
	`welcome_md` text DEFAULT '' NOT NULL,
	`welcome_html` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`time_zone` text DEFAULT 'America/New_York' NOT NULL,
	`venue` text DEFAULT '' NOT NULL,
	`meeting_url` text DEFAULT '' NOT NULL,
	`capacity` integer,
	`discussions_read_only` integer DEFAULT false NOT NULL,
	`wiki_edit_policy` text DEFAULT 'members' NOT NULL,
	`enrolment_policy` text DEFAULT 'invitation' NOT NULL,
	`format` text DEFAULT 'in-person' NOT NULL,
	`cancel_hours_before` integer DEFAULT 48 NOT NULL,
	`alumni_mailed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seminars_slug_unique` ON `seminars` (`slug`);--> statement-breakpoint
CREATE INDEX `seminars_starts_idx` ON `seminars` (`starts_at`);--> statement-breakpoint
CREATE INDEX `seminars_catalogue_idx` ON `seminars` (`enrolment_policy`,`starts_at`);--> statement-breakpoint
CREATE INDEX `seminars_ends_idx` ON `seminars` (`ends_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`absolute_expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`password_hash` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`deactivated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `bar_admissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`jurisdiction` text NOT NULL,
	`bar_number` text DEFAULT '' NOT NULL,
	`year_admitted` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bar_admissions_user_idx` ON `bar_admissions` (`user_id`);--> statement-breakpoint
CREATE INDEX `bar_admissions_jurisdiction_idx` ON `bar_admissions` (`jurisdiction`,`user_id`);--> statement-breakpoint
CREATE TABLE `deletion_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`reason` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by_id` integer,
	`decided_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `deletion_requests_status_idx` ON `deletion_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `deletion_requests_user_idx` ON `deletion_requests` (`user_id`);--> statement-breakpoint
CREATE TABLE `mail_choices` (
	`user_id` integer NOT NULL,
	`topic` text NOT NULL,
	`choice` text NOT NULL,
	`updated_at` integer,
	PRIMARY KEY(`user_id`, `topic`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `profile_areas` (
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `kind`, `value`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `profile_areas_value_idx` ON `profile_areas` (`kind`,`value`,`user_id`);--> statement-breakpoint
CREATE TABLE `profiles` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`address_as` text DEFAULT '' NOT NULL,
	`headline` text DEFAULT '' NOT NULL,
	`firm` text DEFAULT '' NOT NULL,
	`job_title` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`country` text DEFAULT '' NOT NULL,
	`years_in_practice` integer,
	`bio_md` text DEFAULT '' NOT NULL,
	`bio_html` text DEFAULT '' NOT NULL,
	`firm_url` text DEFAULT '' NOT NULL,
	`linkedin_url` text DEFAULT '' NOT NULL,
	`website_url` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`preferred_contact` text DEFAULT '' NOT NULL,
	`open_to_referrals` integer DEFAULT false NOT NULL,
	`open_to_opportunities` integer DEFAULT false NOT NULL,
	`photo_file` text,
	`in_directory` integer DEFAULT true NOT NULL,
	`sort_key` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`onboarding_completed_at` integer,
	`reminder_snoozed_until` integer,
	`vis_photo` text DEFAULT 'network' NOT NULL,
	`vis_address_as` text DEFAULT 'network' NOT NULL,
	`vis_headline` text DEFAULT 'network' NOT NULL,
	`vis_firm` text DEFAULT 'network' NOT NULL,
	`vis_job_title` text DEFAULT 'network' NOT NULL,
	`vis_location` text DEFAULT 'network' NOT NULL,
	`vis_practice_areas` text DEFAULT 'network' NOT NULL,
	`vis_jurisdictions` text DEFAULT 'network' NOT NULL,
	`vis_bar_numbers` text DEFAULT 'me' NOT NULL,
	`vis_years_in_practice` text DEFAULT 'network' NOT NULL,
	`vis_bio` text DEFAULT 'network' NOT NULL,
	`vis_links` text DEFAULT 'network' NOT NULL,
	`vis_email` text DEFAULT 'instructors' NOT NULL,
	`vis_phone` text DEFAULT 'instructors' NOT NULL,
	`vis_preferred_contact` text DEFAULT 'instructors' NOT NULL,
	`vis_open_to_referrals` text DEFAULT 'network' NOT NULL,
	`vis_open_to_opportunities` text DEFAULT 'classmates' NOT NULL,
	`skill_languages` text DEFAULT '' NOT NULL,
	`skill_industries` text DEFAULT '' NOT NULL,
	`notable_matters` text DEFAULT '' NOT NULL,
	`availability` text DEFAULT '' NOT NULL,
	`vis_services` text DEFAULT 'network' NOT NULL,
	`vis_referral_thanks` text DEFAULT 'network' NOT NULL,
	`vis_standing` text DEFAULT 'network' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `profiles_directory_idx` ON `profiles` (`in_directory`,`active`,`sort_key`,`user_id`);--> statement-breakpoint
CREATE INDEX `profiles_years_idx` ON `profiles` (`years_in_practice`);--> statement-breakpoint
CREATE INDEX `profiles_referrals_idx` ON `profiles` (`open_to_referrals`);--> statement-breakpoint
CREATE TABLE `calendar_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`last_used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_tokens_hash_unique` ON `calendar_tokens` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_tokens_user_unique` ON `calendar_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `material_downloads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`material_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`user_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`material_id`) REFERENCES `materials`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `material_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `material_downloads_material_idx` ON `material_downloads` (`material_id`);--> statement-breakpoint
CREATE INDEX `material_downloads_user_idx` ON `material_downloads` (`user_id`,`material_id`);--> statement-breakpoint
CREATE TABLE `material_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`seminar_id` integer NOT NULL,
	`material_id` integer NOT NULL,
	`version_id` integer NOT NULL,
	`mail` text NOT NULL,
	`seen_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`material_id`) REFERENCES `materials`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `material_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `material_notices_unique` ON `material_notices` (`user_id`,`version_id`);--> statement-breakpoint
CREATE INDEX `material_notices_user_idx` ON `material_notices` (`user_id`,`seminar_id`);--> statement-breakpoint
CREATE INDEX `material_notices_mail_idx` ON `material_notices` (`mail`,`created_at`);--> statement-breakpoint
CREATE TABLE `material_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`material_id` integer NOT NULL,
	`version` integer NOT NULL,
	`stored_name` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`as_of` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`uploaded_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`material_id`) REFERENCES `materials`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `material_versions_unique` ON `material_versions` (`material_id`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `material_versions_stored_unique` ON `material_versions` (`stored_name`);--> statement-breakpoint
CREATE TABLE `materials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`current_version_id` integer,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `materials_seminar_idx` ON `materials` (`seminar_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `seminar_activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer NOT NULL,
	`actor_id` integer,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`href` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `seminar_activity_seminar_idx` ON `seminar_activity` (`seminar_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `seminar_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`speaker` text DEFAULT '' NOT NULL,
	`room` text DEFAULT '' NOT NULL,
	`meeting_url` text DEFAULT '' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `seminar_sessions_seminar_idx` ON `seminar_sessions` (`seminar_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `blog_post_tags` (
	`post_id` integer NOT NULL,
	`seminar_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`post_id`, `tag`),
	FOREIGN KEY (`post_id`) REFERENCES `blog_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `blog_post_tags_seminar_tag_idx` ON `blog_post_tags` (`seminar_id`,`tag`);--> statement-breakpoint
CREATE TABLE `blog_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer NOT NULL,
	`author_id` integer,
	`title` text NOT NULL,
	`body_md` text NOT NULL,
	`body_html` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`edited_at` integer,
	`pinned_at` integer,
	`comments_locked` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `blog_posts_seminar_list_idx` ON `blog_posts` (`seminar_id`,`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `blog_posts_author_idx` ON `blog_posts` (`author_id`,`status`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`seminar_id` integer NOT NULL,
	`parent_id` integer,
	`author_id` integer,
	`body_md` text NOT NULL,
	`body_html` text NOT NULL,
	`edited_at` integer,
	`removed_at` integer,
	`removed_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`post_id`) REFERENCES `blog_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`removed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `comments_post_idx` ON `comments` (`post_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_parent_idx` ON `comments` (`parent_id`);--> statement-breakpoint
CREATE INDEX `comments_seminar_created_idx` ON `comments` (`seminar_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `feed_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`seminar_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feed_tokens_hash_unique` ON `feed_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `feed_tokens_user_seminar_idx` ON `feed_tokens` (`user_id`,`seminar_id`);--> statement-breakpoint
CREATE TABLE `reply_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`comment_id` integer NOT NULL,
	`seminar_id` integer NOT NULL,
	`mail` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reply_notices_unique` ON `reply_notices` (`user_id`,`comment_id`);--> statement-breakpoint
CREATE INDEX `reply_notices_mail_idx` ON `reply_notices` (`mail`,`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `search_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref_id` integer NOT NULL,
	`seminar_id` integer,
	`owner_id` integer,
	`audience` text DEFAULT 'members' NOT NULL,
	`title` text NOT NULL,
	`path` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_documents_ref_unique` ON `search_documents` (`kind`,`ref_id`);--> statement-breakpoint
CREATE INDEX `search_documents_seminar_idx` ON `search_documents` (`seminar_id`);--> statement-breakpoint
CREATE TABLE `wiki_pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`body_md` text DEFAULT '' NOT NULL,
	`body_html` text DEFAULT '' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_by_id` integer,
	`updated_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wiki_pages_seminar_slug_unique` ON `wiki_pages` (`seminar_id`,`slug`);--> statement-breakpoint
CREATE INDEX `wiki_pages_seminar_title_idx` ON `wiki_pages` (`seminar_id`,`title`);--> statement-breakpoint
CREATE INDEX `wiki_pages_seminar_updated_idx` ON `wiki_pages` (`seminar_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `wiki_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` integer NOT NULL,
	`seminar_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`body_md` text NOT NULL,
	`body_html` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`author_id` integer,
	`restored_from` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `wiki_pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wiki_revisions_page_number_unique` ON `wiki_revisions` (`page_id`,`number`);--> statement-breakpoint
CREATE INDEX `wiki_revisions_seminar_created_idx` ON `wiki_revisions` (`seminar_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `news_item_sources` (
	`item_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`approval` text NOT NULL,
	`decided_by_id` integer,
	`decided_at` integer,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `source_id`),
	FOREIGN KEY (`item_id`) REFERENCES `news_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `news_sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `news_item_sources_source_idx` ON `news_item_sources` (`source_id`,`approval`,`item_id`);--> statement-breakpoint
CREATE TABLE `news_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid_key` text,
	`link_key` text,
	`title_key` text NOT NULL,
	`guid` text,
	`link` text,
	`title` text NOT NULL,
	`excerpt` text DEFAULT '' NOT NULL,
	`html` text DEFAULT '' NOT NULL,
	`published_at` integer NOT NULL,
	`first_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `news_items_guid_unique` ON `news_items` (`guid_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `news_items_link_unique` ON `news_items` (`link_key`);--> statement-breakpoint
CREATE INDEX `news_items_title_idx` ON `news_items` (`title_key`,`published_at`);--> statement-breakpoint
CREATE INDEX `news_items_published_idx` ON `news_items` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `news_items_seen_idx` ON `news_items` (`first_seen_at`);--> statement-breakpoint
CREATE TABLE `news_seminar_topics` (
	`seminar_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`seminar_id`, `tag`),
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `news_source_tags` (
	`source_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`source_id`, `tag`),
	FOREIGN KEY (`source_id`) REFERENCES `news_sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `news_source_tags_tag_idx` ON `news_source_tags` (`tag`,`source_id`);--> statement-breakpoint
CREATE TABLE `news_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`name` text NOT NULL,
	`site_url` text,
	`scope` text NOT NULL,
	`scope_key` text NOT NULL,
	`seminar_id` integer,
	`owner_id` integer,
	`added_by_id` integer,
	`tags` text DEFAULT '[]' NOT NULL,
	`include_keywords` text DEFAULT '' NOT NULL,
	`exclude_keywords` text DEFAULT '' NOT NULL,
	`requires_approval` integer DEFAULT false NOT NULL,
	`etag` text,
	`last_modified` text,
	`last_fetched_at` integer,
	`last_success_at` integer,
	`last_error` text,
	`last_error_at` integer,
	`last_notice` text,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`next_fetch_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `news_sources_scope_url_unique` ON `news_sources` (`scope_key`,`url`);--> statement-breakpoint
CREATE INDEX `news_sources_due_idx` ON `news_sources` (`next_fetch_at`);--> statement-breakpoint
CREATE INDEX `news_sources_scope_idx` ON `news_sources` (`scope`,`name`);--> statement-breakpoint
CREATE INDEX `news_sources_seminar_idx` ON `news_sources` (`seminar_id`);--> statement-breakpoint
CREATE INDEX `news_sources_owner_idx` ON `news_sources` (`owner_id`);--> statement-breakpoint
CREATE TABLE `survey_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`position` integer NOT NULL,
	`type` text NOT NULL,
	`prompt` text NOT NULL,
	`help` text DEFAULT '' NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`per_instructor` integer DEFAULT false NOT NULL,
	`config` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_questions_survey_idx` ON `survey_questions` (`survey_id`,`position`);--> statement-breakpoint
CREATE TABLE `survey_respondents` (
	`survey_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `user_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_respondents_user_idx` ON `survey_respondents` (`user_id`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` integer PRIMARY KEY NOT NULL,
	`survey_id` integer NOT NULL,
	`user_id` integer,
	`respondent_key` text,
	`answers` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_key_unique` ON `survey_responses` (`survey_id`,`respondent_key`);--> statement-breakpoint
CREATE INDEX `survey_responses_user_idx` ON `survey_responses` (`user_id`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer NOT NULL,
	`title` text NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`anonymous` integer DEFAULT true NOT NULL,
	`opens_mode` text DEFAULT 'seminar-end' NOT NULL,
	`opens_at` integer,
	`closes_at` integer NOT NULL,
	`min_responses` integer DEFAULT 3 NOT NULL,
	`reminder_after_days` integer DEFAULT 7,
	`published_at` integer,
	`invited_at` integer,
	`reminded_at` integer,
	`keys_erased_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_seminar_unique` ON `surveys` (`seminar_id`);--> statement-breakpoint
CREATE INDEX `surveys_mailing_idx` ON `surveys` (`published_at`,`closes_at`);--> statement-breakpoint
CREATE TABLE `invitation_limits` (
	`id` integer PRIMARY KEY NOT NULL,
	`member_daily` integer NOT NULL,
	`admin_daily` integer NOT NULL,
	`quiet_hours` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by_id` integer
);
--> statement-breakpoint
CREATE TABLE `invitation_mails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sender_id` integer,
	`email_hash` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invitation_mails_sender_idx` ON `invitation_mails` (`sender_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `invitation_mails_email_idx` ON `invitation_mails` (`email_hash`,`created_at`);--> statement-breakpoint
CREATE TABLE `invitation_opt_outs` (
	`email_hash` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alumni_mailings` (
	`seminar_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`seminar_id`, `user_id`),
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`queued_at` integer,
	`offer_expires_at` integer,
	`share_name` integer DEFAULT false NOT NULL,
	`decided_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_member_unique` ON `enrolments` (`seminar_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `enrolments_seminar_status_idx` ON `enrolments` (`seminar_id`,`status`,`queued_at`);--> statement-breakpoint
CREATE INDEX `enrolments_offers_idx` ON `enrolments` (`status`,`offer_expires_at`);--> statement-breakpoint
CREATE INDEX `enrolments_user_idx` ON `enrolments` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `intake_answers` (
	`question_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`seminar_id` integer NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`question_id`, `user_id`),
	FOREIGN KEY (`question_id`) REFERENCES `intake_questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `intake_answers_seminar_idx` ON `intake_answers` (`seminar_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `intake_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`prompt` text NOT NULL,
	`kind` text DEFAULT 'text' NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `intake_questions_seminar_idx` ON `intake_questions` (`seminar_id`,`position`);--> statement-breakpoint
CREATE TABLE `seminar_topics` (
	`seminar_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`seminar_id`, `kind`, `value`),
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `seminar_topics_value_idx` ON `seminar_topics` (`kind`,`value`,`seminar_id`);--> statement-breakpoint
CREATE TABLE `member_daily_counts` (
	`day` text NOT NULL,
	`user_id` integer NOT NULL,
	`counter` text NOT NULL,
	`seminar_id` integer DEFAULT 0 NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `user_id`, `counter`, `seminar_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_daily_counts_counter_day_idx` ON `member_daily_counts` (`counter`,`day`);--> statement-breakpoint
CREATE INDEX `member_daily_counts_user_day_idx` ON `member_daily_counts` (`user_id`,`day`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`event` text NOT NULL,
	`topic` text NOT NULL,
	`ref_kind` text NOT NULL,
	`ref_id` integer NOT NULL,
	`actor_id` integer,
	`seminar_id` integer,
	`summary` text NOT NULL,
	`delivery` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_created_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_user_unread_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_ref_idx` ON `notifications` (`ref_kind`,`ref_id`);--> statement-breakpoint
CREATE TABLE `digest_state` (
	`user_id` integer NOT NULL,
	`cadence` text NOT NULL,
	`last_period` text,
	`covered_until` integer NOT NULL,
	`next_due_at` integer NOT NULL,
	`last_sent_at` integer,
	`last_outbox_id` integer,
	PRIMARY KEY(`user_id`, `cadence`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `digest_state_due_idx` ON `digest_state` (`next_due_at`);--> statement-breakpoint
CREATE TABLE `participation` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`mode` text DEFAULT 'active' NOT NULL,
	`time_zone` text DEFAULT 'America/New_York' NOT NULL,
	`weekly_question_cap` integer DEFAULT 3 NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `job_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`share_profile` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `job_postings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_applications_job_user_idx` ON `job_applications` (`job_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `job_applications_user_idx` ON `job_applications` (`user_id`);--> statement-breakpoint
CREATE TABLE `job_postings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poster_id` integer,
	`title` text NOT NULL,
	`organisation` text NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`remote` integer DEFAULT false NOT NULL,
	`bar_required` integer DEFAULT false NOT NULL,
	`seniority` text DEFAULT 'any' NOT NULL,
	`employment_type` text DEFAULT 'full-time' NOT NULL,
	`apply_mode` text DEFAULT 'portal' NOT NULL,
	`apply_url` text DEFAULT '' NOT NULL,
	`apply_email` text DEFAULT '' NOT NULL,
	`description_md` text DEFAULT '' NOT NULL,
	`description_html` text DEFAULT '' NOT NULL,
	`closes_at` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`poster_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `job_postings_open_idx` ON `job_postings` (`status`,`closes_at`,`id`);--> statement-breakpoint
CREATE INDEX `job_postings_poster_idx` ON `job_postings` (`poster_id`,`id`);--> statement-breakpoint
CREATE TABLE `job_tags` (
	`job_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`job_id`, `kind`, `value`),
	FOREIGN KEY (`job_id`) REFERENCES `job_postings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `job_tags_value_idx` ON `job_tags` (`kind`,`value`,`job_id`);--> statement-breakpoint
CREATE TABLE `referral_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`referral_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`author_id` integer,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `referral_replies_thread_idx` ON `referral_replies` (`referral_id`,`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `referral_replies_member_idx` ON `referral_replies` (`member_id`);--> statement-breakpoint
CREATE TABLE `referral_routes` (
	`referral_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`referral_id`, `user_id`),
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `referral_routes_user_idx` ON `referral_routes` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requester_id` integer,
	`title` text NOT NULL,
	`details_md` text DEFAULT '' NOT NULL,
	`details_html` text DEFAULT '' NOT NULL,
	`practice_area` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`urgency` text DEFAULT 'routine' NOT NULL,
	`share_beyond_seminars` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`placed_with_id` integer,
	`thanks` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`placed_at` integer,
	FOREIGN KEY (`requester_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`placed_with_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `referrals_open_idx` ON `referrals` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `referrals_requester_idx` ON `referrals` (`requester_id`,`id`);--> statement-breakpoint
CREATE INDEX `referrals_placed_with_idx` ON `referrals` (`placed_with_id`,`placed_at`);--> statement-breakpoint
CREATE TABLE `saved_jobs` (
	`user_id` integer NOT NULL,
	`job_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`reminded_at` integer,
	PRIMARY KEY(`user_id`, `job_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`job_id`) REFERENCES `job_postings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saved_jobs_job_idx` ON `saved_jobs` (`job_id`,`reminded_at`);--> statement-breakpoint
CREATE TABLE `answer_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`answer_id` integer NOT NULL,
	`author_id` integer,
	`body_html` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `answer_comments_answer_idx` ON `answer_comments` (`answer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `answer_votes` (
	`answer_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`counted` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`answer_id`, `user_id`),
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`author_id` integer,
	`body_md` text NOT NULL,
	`body_html` text NOT NULL,
	`score` integer DEFAULT 0 NOT NULL,
	`edited_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `answers_question_idx` ON `answers` (`question_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `answers_author_idx` ON `answers` (`author_id`);--> statement-breakpoint
CREATE TABLE `qa_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref_id` integer NOT NULL,
	`title` text,
	`body_md` text NOT NULL,
	`edited_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edited_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `qa_revisions_ref_idx` ON `qa_revisions` (`kind`,`ref_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `question_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer,
	`uploader_id` integer,
	`stored_name` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `question_attachments_question_idx` ON `question_attachments` (`question_id`);--> statement-breakpoint
CREATE INDEX `question_attachments_pending_idx` ON `question_attachments` (`uploader_id`,`question_id`);--> statement-breakpoint
CREATE TABLE `question_follows` (
	`user_id` integer NOT NULL,
	`target_kind` text NOT NULL,
	`target` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `target_kind`, `target`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `question_follows_target_idx` ON `question_follows` (`target_kind`,`target`);--> statement-breakpoint
CREATE TABLE `question_routes` (
	`question_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`question_id`, `user_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `question_routes_user_idx` ON `question_routes` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer,
	`author_id` integer,
	`audience` text NOT NULL,
	`to_instructors` integer DEFAULT false NOT NULL,
	`share_consent` text DEFAULT 'none' NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`title` text NOT NULL,
	`body_md` text NOT NULL,
	`body_html` text NOT NULL,
	`areas` text DEFAULT '[]' NOT NULL,
	`jurisdictions` text DEFAULT '[]' NOT NULL,
	`accepted_answer_id` integer,
	`answer_count` integer DEFAULT 0 NOT NULL,
	`closed_at` integer,
	`surfaced_at` integer,
	`edited_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questions_audience_created_idx` ON `questions` (`audience`,`created_at`);--> statement-breakpoint
CREATE INDEX `questions_seminar_created_idx` ON `questions` (`seminar_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `questions_unanswered_idx` ON `questions` (`answer_count`,`created_at`);--> statement-breakpoint
CREATE INDEX `questions_author_idx` ON `questions` (`author_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `bookmark_tags` (
	`bookmark_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`bookmark_id`, `tag`),
	FOREIGN KEY (`bookmark_id`) REFERENCES `bookmarks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bookmark_tags_tag_idx` ON `bookmark_tags` (`tag`,`bookmark_id`);--> statement-breakpoint
CREATE TABLE `bookmarks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`target` text NOT NULL,
	`ref_kind` text,
	`ref_id` integer,
	`url` text,
	`title` text NOT NULL,
	`note_md` text DEFAULT '' NOT NULL,
	`note_html` text DEFAULT '' NOT NULL,
	`visibility` text DEFAULT 'private' NOT NULL,
	`seminar_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookmarks_user_target_unique` ON `bookmarks` (`user_id`,`target`);--> statement-breakpoint
CREATE INDEX `bookmarks_target_idx` ON `bookmarks` (`target`);--> statement-breakpoint
CREATE INDEX `bookmarks_visibility_created_idx` ON `bookmarks` (`visibility`,`created_at`);--> statement-breakpoint
CREATE INDEX `bookmarks_seminar_created_idx` ON `bookmarks` (`seminar_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bookmarks_user_created_idx` ON `bookmarks` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `library_contributor_seminars` (
	`seminar_id` integer PRIMARY KEY NOT NULL,
	`allowed_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`allowed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `library_document_areas` (
	`document_id` integer NOT NULL,
	`area` text NOT NULL,
	PRIMARY KEY(`document_id`, `area`),
	FOREIGN KEY (`document_id`) REFERENCES `library_documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `library_document_areas_area_idx` ON `library_document_areas` (`area`,`document_id`);--> statement-breakpoint
CREATE TABLE `library_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`jurisdiction` text DEFAULT '' NOT NULL,
	`dated` text NOT NULL,
	`citation` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`current_version_id` integer,
	`current_version` integer DEFAULT 0 NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `library_documents_updated_idx` ON `library_documents` (`updated_at`);--> statement-breakpoint
CREATE INDEX `library_documents_kind_idx` ON `library_documents` (`kind`,`updated_at`);--> statement-breakpoint
CREATE INDEX `library_documents_jurisdiction_idx` ON `library_documents` (`jurisdiction`,`updated_at`);--> statement-breakpoint
CREATE INDEX `library_documents_dated_idx` ON `library_documents` (`dated`);--> statement-breakpoint
CREATE TABLE `library_features` (
	`seminar_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`featured_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`seminar_id`, `document_id`),
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `library_documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`featured_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `library_features_document_idx` ON `library_features` (`document_id`);--> statement-breakpoint
CREATE TABLE `library_follows` (
	`document_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`document_id`, `user_id`),
	FOREIGN KEY (`document_id`) REFERENCES `library_documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `library_follows_user_idx` ON `library_follows` (`user_id`);--> statement-breakpoint
CREATE TABLE `library_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`version` integer NOT NULL,
	`stored_name` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`as_of` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`uploaded_by_id` integer,
	`text_status` text DEFAULT 'pending' NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `library_documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `library_versions_unique` ON `library_versions` (`document_id`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `library_versions_stored_unique` ON `library_versions` (`stored_name`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`imported_minutes` integer,
	`corrected_minutes` integer,
	`correction_reason` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `seminar_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attendance_user_idx` ON `attendance` (`user_id`);--> statement-breakpoint
CREATE TABLE `attendance_code_uses` (
	`code_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`used_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`code_id`, `user_id`),
	FOREIGN KEY (`code_id`) REFERENCES `attendance_codes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attendance_code_uses_user_idx` ON `attendance_code_uses` (`user_id`);--> statement-breakpoint
CREATE TABLE `attendance_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`code` text NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `seminar_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `attendance_codes_session_idx` ON `attendance_codes` (`session_id`,`code`);--> statement-breakpoint
CREATE TABLE `certificate_bar_choices` (
	`user_id` integer NOT NULL,
	`bar_admission_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `bar_admission_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`seminar_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`statement` text NOT NULL,
	`status` text DEFAULT 'valid' NOT NULL,
	`issued_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	`replaced_by_id` integer,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE INDEX `certificates_member_idx` ON `certificates` (`user_id`,`seminar_id`);--> statement-breakpoint
CREATE TABLE `credit_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`name` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `credit_jurisdictions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_categories_name_unique` ON `credit_categories` (`jurisdiction_id`,`name`);--> statement-breakpoint
CREATE TABLE `credit_jurisdictions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`minutes_per_credit` integer DEFAULT 60 NOT NULL,
	`step_hundredths` integer DEFAULT 25 NOT NULL,
	`allows_partial` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_jurisdictions_code_unique` ON `credit_jurisdictions` (`code`);--> statement-breakpoint
CREATE TABLE `credit_provider` (
	`id` integer PRIMARY KEY NOT NULL,
	`institute_name` text NOT NULL,
	`signatory_name` text NOT NULL,
	`signatory_title` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `session_credits` (
	`session_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`hundredths` integer NOT NULL,
	`course_number` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`session_id`, `category_id`),
	FOREIGN KEY (`session_id`) REFERENCES `seminar_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `credit_categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `credit_compliance_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `credit_jurisdictions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_compliance_periods_unique` ON `credit_compliance_periods` (`user_id`,`jurisdiction_id`,`starts_on`);--> statement-breakpoint
CREATE TABLE `credit_requirement_minimums` (
	`category_id` integer PRIMARY KEY NOT NULL,
	`hundredths` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `credit_categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `credit_requirements` (
	`jurisdiction_id` integer PRIMARY KEY NOT NULL,
	`total_hundredths` integer NOT NULL,
	`period_months` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `credit_jurisdictions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `external_credit_lines` (
	`external_credit_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`hundredths` integer NOT NULL,
	PRIMARY KEY(`external_credit_id`, `category_id`),
	FOREIGN KEY (`external_credit_id`) REFERENCES `external_credits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `credit_categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `external_credits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`title` text NOT NULL,
	`provider` text NOT NULL,
	`completed_on` text NOT NULL,
	`course_number` text DEFAULT '' NOT NULL,
	`stored_name` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `external_credits_user_idx` ON `external_credits` (`user_id`,`completed_on`);--> statement-breakpoint
CREATE TABLE `conversation_members` (
	`conversation_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`joined_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_read_id` integer DEFAULT 0 NOT NULL,
	`mailed_up_to_id` integer DEFAULT 0 NOT NULL,
	`last_message_id` integer DEFAULT 0 NOT NULL,
	`pending_since` integer,
	`muted_at` integer,
	`left_at` integer,
	`last_message_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`conversation_id`, `user_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_members_inbox_idx` ON `conversation_members` (`user_id`,`left_at`,`last_message_at`);--> statement-breakpoint
CREATE INDEX `conversation_members_pending_idx` ON `conversation_members` (`pending_since`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_message_id` integer DEFAULT 0 NOT NULL,
	`last_message_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `member_blocks` (
	`user_id` integer NOT NULL,
	`blocked_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `blocked_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blocked_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_blocks_blocked_idx` ON `member_blocks` (`blocked_id`);--> statement-breakpoint
CREATE TABLE `message_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`who_may_message` text DEFAULT 'network' NOT NULL,
	`unread_mail_minutes` integer DEFAULT 60 NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` integer NOT NULL,
	`author_id` integer,
	`body_md` text NOT NULL,
	`body_html` text NOT NULL,
	`attachment_stored` text,
	`attachment_name` text,
	`attachment_type` text,
	`attachment_size` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `messages_conversation_idx` ON `messages` (`conversation_id`,`id`);--> statement-breakpoint
CREATE INDEX `messages_author_idx` ON `messages` (`author_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `member_warnings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`by_id` integer,
	`report_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `member_warnings_user_idx` ON `member_warnings` (`user_id`);--> statement-breakpoint
CREATE TABLE `moderated_items` (
	`item_kind` text NOT NULL,
	`item_id` integer NOT NULL,
	`state` text NOT NULL,
	`author_id` integer,
	`by_id` integer,
	`report_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`item_kind`, `item_id`),
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_kind` text NOT NULL,
	`item_id` integer NOT NULL,
	`seminar_id` integer,
	`author_id` integer,
	`reporter_id` integer,
	`reason` text NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`item_title` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_by_id` integer,
	`resolved_at` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`seminar_id`) REFERENCES `seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `reports_queue_idx` ON `reports` (`status`,`seminar_id`,`id`);--> statement-breakpoint
CREATE INDEX `reports_item_idx` ON `reports` (`item_kind`,`item_id`);--> statement-breakpoint
CREATE INDEX `reports_reporter_idx` ON `reports` (`reporter_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `member_invitation_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`require_approval` integer NOT NULL,
	`allowed_domains` text DEFAULT '' NOT NULL,
	`monthly_quota` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by_id` integer
);
--> statement-breakpoint
CREATE TABLE `member_invitations` (
	`invitation_id` integer PRIMARY KEY NOT NULL,
	`inviter_id` integer NOT NULL,
	`approval` text NOT NULL,
	`decided_by_id` integer,
	`decided_at` integer,
	`mailed_at` integer,
	`held_reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`inviter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `member_invitations_inviter_idx` ON `member_invitations` (`inviter_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `member_invitations_approval_idx` ON `member_invitations` (`approval`);--> statement-breakpoint
CREATE TABLE `analytics_cohorts` (
	`cohort` text NOT NULL,
	`months_after` integer NOT NULL,
	`size` integer NOT NULL,
	`active` integer NOT NULL,
	PRIMARY KEY(`cohort`, `months_after`)
);
--> statement-breakpoint
CREATE TABLE `analytics_day_sources` (
	`day` text NOT NULL,
	`source` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`day`, `source`)
);
--> statement-breakpoint
CREATE TABLE `analytics_days` (
	`day` text PRIMARY KEY NOT NULL,
	`new_members` integer DEFAULT 0 NOT NULL,
	`members` integer DEFAULT 0 NOT NULL,
	`dau` integer DEFAULT 0 NOT NULL,
	`wau` integer DEFAULT 0 NOT NULL,
	`mau` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `analytics_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `analytics_weeks` (
	`week` text PRIMARY KEY NOT NULL,
	`active` integer NOT NULL,
	`returned` integer NOT NULL
);
