-- Development seed for `supabase db reset`. Content (programmes, spaces, surveys, knowledge) is
-- loaded from content/ by the bot at start-up, so the database needs no seed rows.
select 1;
