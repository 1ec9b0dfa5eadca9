-- Public pages are served from each instance's cache (lib/public-cache): every write that changes what a
-- visitor sees of a doctor — a slot opened, closed or taken, a reservation made, cancelled or moved, weekly
-- hours, the profile, a review — tells every instance on commit (LISTEN public_pages). The payload is the
-- doctor's id, or '*' when a clinic or specialty changed (many doctors at once). In the database, so that no
-- code path that writes these tables can forget to.
CREATE FUNCTION public_pages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Branches, not one expression: plpgsql resolves every field named in an expression, and only some tables
  -- have each of them.
  IF TG_TABLE_NAME IN ('clinics', 'specialties') THEN
    PERFORM pg_notify('public_pages', '*');
  ELSIF TG_TABLE_NAME = 'doctors' THEN
    IF TG_OP = 'DELETE' THEN
      PERFORM pg_notify('public_pages', OLD.id::text);
    ELSE
      PERFORM pg_notify('public_pages', NEW.id::text);
    END IF;
  ELSE
    IF TG_OP <> 'INSERT' THEN
      PERFORM pg_notify('public_pages', OLD.doctor_id::text);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      PERFORM pg_notify('public_pages', NEW.doctor_id::text);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER public_pages_notify AFTER INSERT OR UPDATE OR DELETE ON time_slots FOR EACH ROW EXECUTE FUNCTION public_pages_notify();
--> statement-breakpoint
CREATE TRIGGER public_pages_notify AFTER INSERT OR UPDATE OR DELETE ON reservations FOR EACH ROW EXECUTE FUNCTION public_pages_notify();
--> statement-breakpoint
CREATE TRIGGER public_pages_notify AFTER INSERT OR UPDATE OR DELETE ON reviews FOR EACH ROW EXECUTE FUNCTION public_pages_notify();
--> statement-breakpoint
CREATE TRIGGER public_pages_notify AFTER INSERT OR UPDATE OR DELETE ON weekly_schedules FOR EACH ROW EXECUTE FUNCTION public_pages_notify();
--> statement-breakpoint
CREATE TRIGGER public_pages_notify AFTER INSERT OR UPDATE OR DELETE ON doctors FOR EACH ROW EXECUTE FUNCTION public_pages_notify();
--> statement-breakpoint
CREATE TRIGGER public_pages_notify AFTER INSERT OR UPDATE OR DELETE ON clinics FOR EACH STATEMENT EXECUTE FUNCTION public_pages_notify();
--> statement-breakpoint
CREATE TRIGGER public_pages_notify AFTER INSERT OR UPDATE OR DELETE ON specialties FOR EACH STATEMENT EXECUTE FUNCTION public_pages_notify();
