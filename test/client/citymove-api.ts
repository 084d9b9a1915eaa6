/**
 * The citymove API's types, generated from the OpenAPI document the built application serves
 * (`npm run api:types`). Do not edit: the client test fails when this file and the document
 * disagree.
 */
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the database and Redis answer (each check bounded to 1 s) */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics of this process (docs/metrics.md) */
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamName}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events of one name past this consumer's offset, ascending; nothing is marked in flight (at-least-once) */
        get: operations["EventsController_consume"];
        put?: never;
        /** Append an event; the first event of a stream makes its producer the owner */
        post: operations["EventsController_append"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamName}/events/subscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events: this consumer's events of one name past its offset, then each as it commits (at-least-once)
         * @description Each message: `id: <sequence>`, `event: <event name>`, `data: <the event as GET …/events gives it>`. Resume with `Last-Event-ID: <sequence>`; ACK as with `GET …/events`. A comment line is sent as a heartbeat.
         */
        get: operations["EventsController_subscribe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamName}/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event by id, with its stream-wide position */
        get: operations["EventsController_findEvent"];
        put?: never;
        /** Acknowledge an event: cumulative (every earlier event of that name too), idempotent, never backwards */
        post: operations["EventsController_acknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamName}/all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every event of the stream, all names, in commit order, past a stream-wide position */
        get: operations["EventsController_readAll"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamName}/consumers/{consumerId}/offsets/{eventName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a consumer's offset on an event name: seek, rewind (0 replays all) or skip to the end */
        put: operations["EventsController_seek"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every stream: owner, event count, event names, last append */
        get: operations["EventsController_listStreams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/streams/{streamName}/consumers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per consumer and event name: offset, events still to acknowledge (`behind`), last move */
        get: operations["EventsController_listConsumers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Streams, events per stream and name, consumers and their lag, appends in the last minute */
        get: operations["EventsStatsController_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with a username or an e-mail: a member JWT */
        post: operations["LoginController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log out: every token issued to the caller so far stops working, on every device */
        post: operations["LoginController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/membres/monprofil": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own profile, e-mail included */
        get: operations["MembersController_ownProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/membres/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's profile */
        get: operations["MembersController_findOne"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/membres": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The members, paginated, searchable, filterable, sortable */
        get: operations["MembersController_list"];
        /** Update the caller's own profile */
        put: operations["MembersController_update"];
        /** Sign up: an active, non-staff account */
        post: operations["MembersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/hails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hails, newest first (paginated: Link, X-Total-Count) */
        get: operations["HailsController_list"];
        put?: never;
        /** The registry's hail webhook: stores the hail and its job, then answers */
        post: operations["HailsController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/hails/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One hail with its transitions and every registry call */
        get: operations["HailsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/taxis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The fleet (paginated: Link, X-Total-Count) */
        get: operations["TaxisController_list"];
        put?: never;
        /** Registers a taxi under the registry's id; its driver token is shown once */
        post: operations["TaxisController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/taxis/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One taxi */
        get: operations["TaxisController_get"];
        put?: never;
        post?: never;
        /** Removes a taxi from the fleet: its token stops working, it gets no more hails and goes off at the registry; its hails stay */
        delete: operations["TaxisController_remove"];
        options?: never;
        head?: never;
        /** Changes a taxi's phone number, driver name or licence plate (its id is the registry's and never changes) */
        patch: operations["TaxisController_update"];
        trace?: never;
    };
    "/operator/taxis/{id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new driver app token; the previous one stops working at once (open event streams end) */
        post: operations["TaxisController_rotateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/hails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This taxi's hails waiting for its answer, and its current ride */
        get: operations["DriverController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/hails/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accepts the hail (the taxi phone goes to the registry) */
        post: operations["DriverController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/hails/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declines the hail */
        post: operations["DriverController_decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/hails/{id}/customer-on-board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The customer is on board (only once the customer has accepted: 409 before) */
        post: operations["DriverController_customerOnBoard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/hails/{id}/finish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The ride is over */
        post: operations["DriverController_finish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/hails/{id}/incident": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reports an incident on the taxi side, with an optional reason
         * @description The reason may also come later: the incident again with a reason sends it (as the registry allows).
         */
        post: operations["DriverController_incident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/hails/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reports the customer (the registry's reporting_customer: the customer cannot hail for 24 h)
         * @description Taken in any status, as the registry does; the same reason again changes nothing.
         */
        post: operations["DriverController_report"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The taxi's status at the registry as citymove last read or set it, and a request still on its way */
        get: operations["DriverTaxiController_current"];
        /** Sets the taxi’s status at the registry (free, occupied, off): stored, then delivered by durable work */
        put: operations["DriverTaxiController_set"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/positions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The driver app’s latest positions (1 to 20, each with its timestamp); the newest fresh one goes to geotaxi */
        post: operations["DriverTaxiController_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/driver/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events: hail.received, hail.status (each change of its hails), taxi.status (the registry’s status)
         * @description Each event carries `id: <hail transition id>.<taxi status change id>`; reconnecting with `Last-Event-ID` replays what came after it. A comment line is sent every DRIVER_EVENTS_HEARTBEAT_MS when idle.
         */
        get: operations["DriverTaxiController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/bikes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List bikes, optionally the ones near a point (nearest first, with distance_m) */
        get: operations["BikesController_list"];
        put?: never;
        /** Add a bike to the fleet */
        post: operations["BikesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/bikes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One bike */
        get: operations["BikesController_findOne"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set a bike available or non-operational (not while on a trip) */
        patch: operations["BikesController_update"];
        trace?: never;
    };
    "/mobility/bikes/{id}/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a bike's position (telemetry gateway)
         * @description Queued on Bull `bike-locations` and applied asynchronously; a report older than the bike's latest is dropped.
         */
        post: operations["BikesController_reportLocation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/trips": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All trips, newest first (admin) */
        get: operations["TripsController_list"];
        put?: never;
        /** Start a trip on an available bike */
        post: operations["TripsController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/trips/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End your trip: the bike becomes available where it last reported */
        post: operations["TripsController_end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/trips/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One trip, for its rider or an admin */
        get: operations["TripsController_findOne"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/me/trips": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your trips, newest first */
        get: operations["TripsController_listMine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/gbfs/gbfs.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GBFS discovery file: every other file with its absolute URL (PUBLIC_URL when set)
         * @description Cache-Control `public, max-age=<ttl>`, a strong ETag and Last-Modified (304 on If-None-Match / If-Modified-Since), CORS `*`
         */
        get: operations["GbfsController_discovery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/gbfs/gbfs_versions.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GBFS versions served (3.0 only)
         * @description Cache-Control `public, max-age=<ttl>`, a strong ETag and Last-Modified (304 on If-None-Match / If-Modified-Since), CORS `*`
         */
        get: operations["GbfsController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/gbfs/system_information.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GBFS system information (from the GBFS_* configuration)
         * @description Cache-Control `public, max-age=<ttl>`, a strong ETag and Last-Modified (304 on If-None-Match / If-Modified-Since), CORS `*`
         */
        get: operations["GbfsController_systemInformation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/gbfs/vehicle_types.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GBFS vehicle types (admin catalog)
         * @description Cache-Control `public, max-age=<ttl>`, a strong ETag and Last-Modified (304 on If-None-Match / If-Modified-Since), CORS `*`
         */
        get: operations["GbfsController_vehicleTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/gbfs/vehicle_status.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GBFS vehicle status: bikes in the street that reported lately, under rotating public ids
         * @description Cache-Control `public, max-age=<ttl>`, a strong ETag and Last-Modified (304 on If-None-Match / If-Modified-Since), CORS `*`
         */
        get: operations["GbfsController_vehicleStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/gbfs/system_pricing_plans.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GBFS pricing plans (the rules trips are priced with)
         * @description Cache-Control `public, max-age=<ttl>`, a strong ETag and Last-Modified (304 on If-None-Match / If-Modified-Since), CORS `*`
         */
        get: operations["GbfsController_pricingPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/gbfs/system_alerts.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GBFS system alerts not yet over
         * @description Cache-Control `public, max-age=<ttl>`, a strong ETag and Last-Modified (304 on If-None-Match / If-Modified-Since), CORS `*`
         */
        get: operations["GbfsController_systemAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/gbfs/geofencing_zones.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GBFS geofencing zones: where rides may not start, end or go, in precedence order
         * @description Cache-Control `public, max-age=<ttl>`, a strong ETag and Last-Modified (304 on If-None-Match / If-Modified-Since), CORS `*`
         */
        get: operations["GbfsController_geofencingZones"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/vehicle-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every vehicle type, oldest first */
        get: operations["VehicleTypesController_list"];
        put?: never;
        /** Add a vehicle type (max_range_meters required unless propulsion_type is human) */
        post: operations["VehicleTypesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/vehicle-types/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One vehicle type */
        get: operations["VehicleTypesController_findOne"];
        /** Replace a vehicle type */
        put: operations["VehicleTypesController_replace"];
        post?: never;
        /** Remove a vehicle type no bike has */
        delete: operations["VehicleTypesController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/pricing-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every pricing plan, oldest first */
        get: operations["PricingPlansController_list"];
        put?: never;
        /** Add a GBFS 3.0 pricing plan (fixed price, per-minute and per-km segments) */
        post: operations["PricingPlansController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/pricing-plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One pricing plan */
        get: operations["PricingPlansController_findOne"];
        /** Replace a pricing plan (trips ending afterwards are priced with it) */
        put: operations["PricingPlansController_replace"];
        post?: never;
        /** Remove a pricing plan no vehicle type uses */
        delete: operations["PricingPlansController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every system alert, by start */
        get: operations["SystemAlertsController_list"];
        put?: never;
        /** Publish a system alert (system_alerts.json) */
        post: operations["SystemAlertsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One system alert */
        get: operations["SystemAlertsController_findOne"];
        /** Replace a system alert */
        put: operations["SystemAlertsController_replace"];
        post?: never;
        /** Withdraw a system alert */
        delete: operations["SystemAlertsController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/geofencing-zones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The zones, in the order that decides overlaps (oldest first) */
        get: operations["GeofencingZonesController_list"];
        put?: never;
        /** Create a geofencing zone (GeoJSON MultiPolygon and GBFS rules) */
        post: operations["GeofencingZonesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/geofencing-zones/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One geofencing zone */
        get: operations["GeofencingZonesController_findOne"];
        put?: never;
        post?: never;
        /** Delete a zone: its rules stop holding at once */
        delete: operations["GeofencingZonesController_remove"];
        options?: never;
        head?: never;
        /** Change a zone: any of its fields (start / end null clears them) */
        patch: operations["GeofencingZonesController_update"];
        trace?: never;
    };
    "/mobility/geofencing-global-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The global rules (none until set) */
        get: operations["GeofencingGlobalRulesController_get"];
        /** Replace the global rules; they hold at once for trips, reservations and the feed */
        put: operations["GeofencingGlobalRulesController_replace"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reserve an available bike: only you may start a trip on it until the reservation expires */
        post: operations["ReservationsController_reserve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/me/reservation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your reservation holding a bike now */
        get: operations["ReservationsController_findMine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mobility/reservations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One reservation, for its rider or an admin */
        get: operations["ReservationsController_findOne"];
        put?: never;
        post?: never;
        /** Cancel your reservation: the bike is free at once */
        delete: operations["ReservationsController_cancel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a parking account */
        post: operations["UsersController_createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/user/auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in: a parking Bearer token */
        post: operations["UsersController_authenticate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/user/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: every token issued to the caller so far stops working */
        post: operations["UsersController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller, the orgs they participate in and moderate, and their passes */
        get: operations["UsersController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/me/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's open borrow requests, each with its place in its date's queue and why it is there */
        get: operations["UsersController_myRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/me/passes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's passes: pending, owned, lent and borrowed */
        get: operations["UsersController_myPasses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an org; the caller moderates it */
        post: operations["OrgsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orgs whose name contains q (case-insensitive), at most 50 */
        get: operations["OrgsController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** `{id, name}` for anyone; members also get timezone, greeting, rules and lock_in */
        get: operations["OrgsController_view"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Moderator: change the org's name, timezone, greeting, rules or lock_in */
        patch: operations["OrgsController_update"];
        trace?: never;
    };
    "/parking/org/{id}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Moderator: add a participant by user_id or email */
        post: operations["OrgsController_addParticipant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}/participants/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Moderator: remove a participant (their open requests go with them) */
        delete: operations["OrgsController_removeParticipant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}/moderators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Moderator: add a moderator by user_id or email */
        post: operations["OrgsController_addModerator"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}/daystates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members: the org's day states */
        get: operations["OrgsController_listDayStates"];
        put?: never;
        /** Moderator: create a day state */
        post: operations["OrgsController_createDayState"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}/daystates/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members: a date's day state (default: today in the org's time zone) */
        get: operations["OrgsController_currentDayState"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members: the org's schedule */
        get: operations["OrgsController_getSchedule"];
        /** Moderator: set the org's schedule; future offers and requests on the dates it shifts are revisited (locked-in loans are kept unless cancel_locked_in=true) */
        put: operations["OrgsController_setSchedule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}/pass": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Participant or moderator: request a pass (pending until a moderator verifies it) */
        post: operations["OrgsController_requestPass"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}/passes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Moderator: the org's passes, optionally only verified or pending ones */
        get: operations["OrgsController_listPasses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}/lock-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Moderator: lock a date in now, as the scheduled job does at lock_in */
        post: operations["OrgsController_lockIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/org/{id}/loans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Moderator: a date's offers, its queue in order and its matches (default: today) */
        get: operations["OrgsController_loansOf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/pass/borrow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Participant: queue for a pass on a date, a range of dates, or indefinitely */
        post: operations["PassesController_borrow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/pass/borrow/{requestId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw a borrow request */
        delete: operations["PassesController_withdraw"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/pass/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Moderator of the pass's org: assign (verify) its state and spot */
        put: operations["PassesController_assign"];
        post?: never;
        /** Owner or moderator: delete the pass with its future offers (matched borrowers go back to the front of the queue) */
        delete: operations["PassesController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/pass/{id}/lend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Owner of a verified pass: offer it on a date or a range of dates */
        post: operations["PassesController_lend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/pass/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Owner: take back a pass lent and matched on a date that has not started; the borrower goes to the front of that date’s queue and is matched again at once if another offer is free */
        post: operations["PassesController_release"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/parking/pass/{id}/unlend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Owner: withdraw offers of the pass */
        post: operations["PassesController_unlend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        DeliveredEventDescriptorDto: {
            /** @example OrderPlaced */
            name: string;
            /** @example 1 */
            version: number;
            /** @example 0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e */
            id: string;
            /**
             * @description Gapless per (stream, event name), in commit order
             * @example 1
             */
            sequence: number;
        };
        DeliveredEventDto: {
            event: components["schemas"]["DeliveredEventDescriptorDto"];
            /**
             * @example {
             *       "id": "alv123",
             *       "name": "codello alvine",
             *       "time": "2017-09-06 13:58:12",
             *       "timezone": "Europe/Berlin"
             *     }
             */
            system: {
                [key: string]: unknown;
            };
            /**
             * @example {
             *       "type": "system",
             *       "name": "/path/to/script.php"
             *     }
             */
            trigger: {
                [key: string]: unknown;
            };
            /**
             * @example {
             *       "orderId": 42
             *     }
             */
            payload: {
                [key: string]: unknown;
            };
            /** @example 2026-11-22T10:15:30.000Z */
            createdAt: string;
        };
        PositionedEventDto: {
            event: components["schemas"]["DeliveredEventDescriptorDto"];
            /**
             * @example {
             *       "id": "alv123",
             *       "name": "codello alvine",
             *       "time": "2017-09-06 13:58:12",
             *       "timezone": "Europe/Berlin"
             *     }
             */
            system: {
                [key: string]: unknown;
            };
            /**
             * @example {
             *       "type": "system",
             *       "name": "/path/to/script.php"
             *     }
             */
            trigger: {
                [key: string]: unknown;
            };
            /**
             * @example {
             *       "orderId": 42
             *     }
             */
            payload: {
                [key: string]: unknown;
            };
            /** @example 2026-11-22T10:15:30.000Z */
            createdAt: string;
            /**
             * @description Its place among every event of the stream, all names, in commit order
             * @example 42
             */
            position: number;
        };
        StreamSummaryDto: {
            /** @example orders */
            name: string;
            /** @example shop-1 */
            producerId: string;
            /**
             * @description Events appended, all names together
             * @example 1200
             */
            events: number;
            /**
             * @example [
             *       "OrderPaid",
             *       "OrderPlaced"
             *     ]
             */
            eventNames: string[];
            /** @example 2026-11-22T10:15:30.000Z */
            lastEventAt: string | null;
        };
        ConsumerPositionDto: {
            /** @example billing */
            consumerId: string;
            /** @example OrderPlaced */
            eventName: string;
            /**
             * @description Highest acknowledged sequence
             * @example 1100
             */
            offset: number;
            /**
             * @description Events of that name not acknowledged yet
             * @example 100
             */
            behind: number;
            /** @example 2026-11-22T10:15:30.000Z */
            movedAt: string;
        };
        EventNameStatsDto: {
            /** @example OrderPlaced */
            name: string;
            /** @example 1200 */
            events: number;
            /** @example 2026-11-22T10:15:30.000Z */
            lastEventAt: string;
        };
        StreamStatsDto: {
            /** @example orders */
            name: string;
            /** @example shop-1 */
            producerId: string;
            /** @example 1200 */
            events: number;
            eventNames: components["schemas"]["EventNameStatsDto"][];
        };
        ConsumerStatsDto: {
            /** @example orders */
            stream: string;
            /** @example billing */
            consumerId: string;
            /** @example OrderPlaced */
            eventName: string;
            /** @example 1100 */
            offset: number;
            /**
             * @description Events of that name not acknowledged yet
             * @example 100
             */
            lag: number;
        };
        EventStatsDto: {
            /** @example 3 */
            streams: number;
            /**
             * @description Events of every visible stream
             * @example 5400
             */
            events: number;
            /**
             * @description Appends committed in the last 60 seconds, all streams
             * @example 320
             */
            appendsPerMinute: number;
            byStream: components["schemas"]["StreamStatsDto"][];
            consumers: components["schemas"]["ConsumerStatsDto"][];
        };
        EventDescriptorDto: {
            /** @example OrderPlaced */
            name: string;
            /** @example 1 */
            version: number;
            /** @description Never sent: the server assigns it (sending it is a 400) */
            readonly id?: string;
        };
        SystemDto: {
            /** @example alv123 */
            id: string;
            /** @example codello alvine */
            name: string;
            /**
             * @description ISO 8601 or YYYY-MM-DD HH:mm:ss
             * @example 2017-09-06 13:58:12
             */
            time: string;
            /**
             * @description IANA time zone name
             * @example Europe/Berlin
             */
            timezone: string;
        };
        TriggerDto: {
            /** @example system */
            type: string;
            /** @example /path/to/script.php */
            name: string;
        };
        AppendEventDto: {
            event: components["schemas"]["EventDescriptorDto"];
            system: components["schemas"]["SystemDto"];
            trigger: components["schemas"]["TriggerDto"];
            /**
             * @description Any JSON object
             * @example {
             *       "orderId": 42
             *     }
             */
            payload: {
                [key: string]: unknown;
            };
        };
        SeekOffsetDto: {
            /**
             * @description The sequence to stand at: 0 (replay all) to the last one (skip to the end)
             * @example 0
             */
            offset: number;
        };
        AcknowledgeEventDto: {
            /**
             * @example ACK
             * @enum {string}
             */
            action: "ACK";
        };
        LoginDto: {
            /**
             * @description username or email is required (case-insensitive)
             * @example Clem
             */
            username?: string;
            /** @example clem@example.org */
            email?: string;
            /** @example correct horse battery */
            password: string;
        };
        AccessTokenResponseDto: {
            /** @example eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9… */
            access_token: string;
            /**
             * @example Bearer
             * @enum {string}
             */
            token_type: "Bearer";
            /** @example 3600 */
            expires_in: number;
        };
        ErrorEntryDto: {
            /**
             * @description the HTTP status
             * @example 404
             */
            code: number;
            /** @example member does not exist */
            message: string;
            /**
             * @description the faulty field, when one is at fault
             * @example email
             */
            field?: string;
        };
        ErrorResponseDto: {
            /** @description one entry per fault */
            errors: components["schemas"]["ErrorEntryDto"][];
        };
        MemberResponseDto: {
            /** @example 123456 */
            id: number;
            /** @example Clem */
            username: string;
            /** @example true */
            show_email: boolean;
            /**
             * @description absent when show_email is false, except in the own profile
             * @example clem@example.org
             */
            email?: string;
            /** @example false */
            is_staff: boolean;
            /** @example true */
            is_active: boolean;
            /** @example https://example.org */
            site: string | null;
            /** @example https://example.org/a.png */
            avatar_url: string | null;
            /** @example Cycling across town since 1977. */
            biography: string | null;
            /** @example null */
            sign: string | null;
            /** @example true */
            email_for_answer: boolean;
            /**
             * Format: date-time
             * @description null until the first login
             * @example 2026-04-22T06:00:00.000Z
             */
            last_visit: string | null;
            /**
             * Format: date-time
             * @example 1977-04-22T06:00:00.000Z
             */
            date_joined: string;
        };
        CreateMemberDto: {
            /**
             * @description 1–30 characters, unique ignoring case, no "," or "/"; trimmed
             * @example Clem
             */
            username: string;
            /**
             * Format: email
             * @description unique ignoring case
             * @example clem@example.org
             */
            email: string;
            /**
             * @description at least 8 characters, at most 72 bytes
             * @example correct horse battery
             */
            password: string;
            /**
             * @default false
             * @example true
             */
            show_email?: boolean;
            /**
             * @default false
             * @example true
             */
            email_for_answer?: boolean;
            /**
             * Format: uri
             * @example https://example.org
             */
            site?: string | null;
            /**
             * Format: uri
             * @example https://example.org/a.png
             */
            avatar_url?: string | null;
            /** @example Cycling across town since 1977. */
            biography?: string | null;
            /** @example See you on the road */
            sign?: string | null;
        };
        UpdateMemberDto: {
            /** @example Clem */
            username?: string;
            /**
             * Format: email
             * @example clem@example.org
             */
            email?: string;
            /** @example true */
            show_email?: boolean;
            /** @example false */
            email_for_answer?: boolean;
            /**
             * Format: uri
             * @description null or "" clears it
             * @example https://example.org
             */
            site?: string | null;
            /**
             * Format: uri
             * @description null or "" clears it
             * @example https://example.org/a.png
             */
            avatar_url?: string | null;
            /**
             * @description null or "" clears it
             * @example Cycling across town since 1977.
             */
            biography?: string | null;
            /**
             * @description null or "" clears it
             * @example
             */
            sign?: string | null;
            /**
             * @description requires current_password
             * @example a new long passphrase
             */
            password?: string;
            /**
             * @description required with password
             * @example correct horse battery
             */
            current_password?: string;
        };
        HailTaxiRefDto: {
            /**
             * @description The registry's taxi id
             * @example kF9XkQ2
             */
            id: string;
        };
        RegistryHailDto: {
            /**
             * @description The registry's hail id
             * @example 3f2a9c1
             */
            id: string;
            taxi: components["schemas"]["HailTaxiRefDto"];
            /** @example 2.35 */
            customer_lon: number;
            /** @example 48.86 */
            customer_lat: number;
            /** @example 25 rue Quincampoix 75004 Paris */
            customer_address: string;
            /**
             * @description Masked by the registry at this stage
             * @example 0600000000
             */
            customer_phone_number: string;
        };
        CreateHailDto: {
            data: components["schemas"]["RegistryHailDto"][];
        };
        HailSummaryResponse: {
            /** @example a1b2c3d4 */
            id: string;
            /**
             * @example received_by_taxi
             * @enum {string}
             */
            status: "received" | "received_by_taxi" | "accepted_by_taxi" | "declined_by_taxi" | "timeout_taxi" | "accepted_by_customer" | "declined_by_customer" | "timeout_customer" | "incident_customer" | "customer_on_board" | "finished" | "incident_taxi" | "timeout_accepted_by_customer" | "failure";
            /** @example 2.3522 */
            customer_lon: number;
            /** @example 48.8566 */
            customer_lat: number;
            /** @example 1 rue de Rivoli, Paris */
            customer_address: string;
            /**
             * @description the customer's phone: the registry's mask 0600000000 until the customer accepts, then the real number
             * @example 0698765432
             */
            customer_phone_number: string;
            /** Format: date-time */
            created_at: string | null;
            /**
             * Format: date-time
             * @description when the decision window closes
             */
            decision_deadline_at: string | null;
            /**
             * Format: date-time
             * @description when the registry's timer on the current status runs out (accepted_by_taxi 30 s, accepted_by_customer 30 min, customer_on_board 2 h)
             */
            status_deadline_at: string | null;
            /** @example traffic */
            incident_taxi_reason: string | null;
            /**
             * @description set once the driver reported the customer
             * @example no_show
             */
            reporting_customer_reason: string | null;
            /** @example kF9XkQ2 */
            taxi_id: string;
            /** @description the registry's fields, as it sent them */
            operateur?: string;
            session_id?: string;
            customer_id?: string;
            creation_datetime?: string;
            /** Format: date-time */
            received_by_taxi_at: string | null;
            /** Format: date-time */
            updated_at: string | null;
        };
        HailTransitionResponse: {
            /**
             * @description null for the first status
             * @enum {string|null}
             */
            from: "received" | "received_by_taxi" | "accepted_by_taxi" | "declined_by_taxi" | "timeout_taxi" | "accepted_by_customer" | "declined_by_customer" | "timeout_customer" | "incident_customer" | "customer_on_board" | "finished" | "incident_taxi" | "timeout_accepted_by_customer" | "failure" | null;
            /** @enum {string} */
            to: "received" | "received_by_taxi" | "accepted_by_taxi" | "declined_by_taxi" | "timeout_taxi" | "accepted_by_customer" | "declined_by_customer" | "timeout_customer" | "incident_customer" | "customer_on_board" | "finished" | "incident_taxi" | "timeout_accepted_by_customer" | "failure";
            /**
             * @description who or what made the change
             * @example driver
             */
            cause: string;
            /** Format: date-time */
            at: string | null;
        };
        RegistryCallResponse: {
            /** @example PUT */
            method: string;
            /** @description what we sent */
            body: {
                [key: string]: unknown;
            } | null;
            /** @example 200 */
            answer_status: number | null;
            error: string | null;
            duration_ms: number | null;
            /** @example 1 */
            attempt: number;
            /** Format: date-time */
            at: string | null;
        };
        HailDetailResponse: {
            /** @example a1b2c3d4 */
            id: string;
            /**
             * @example received_by_taxi
             * @enum {string}
             */
            status: "received" | "received_by_taxi" | "accepted_by_taxi" | "declined_by_taxi" | "timeout_taxi" | "accepted_by_customer" | "declined_by_customer" | "timeout_customer" | "incident_customer" | "customer_on_board" | "finished" | "incident_taxi" | "timeout_accepted_by_customer" | "failure";
            /** @example 2.3522 */
            customer_lon: number;
            /** @example 48.8566 */
            customer_lat: number;
            /** @example 1 rue de Rivoli, Paris */
            customer_address: string;
            /**
             * @description the customer's phone: the registry's mask 0600000000 until the customer accepts, then the real number
             * @example 0698765432
             */
            customer_phone_number: string;
            /** Format: date-time */
            created_at: string | null;
            /**
             * Format: date-time
             * @description when the decision window closes
             */
            decision_deadline_at: string | null;
            /**
             * Format: date-time
             * @description when the registry's timer on the current status runs out (accepted_by_taxi 30 s, accepted_by_customer 30 min, customer_on_board 2 h)
             */
            status_deadline_at: string | null;
            /** @example traffic */
            incident_taxi_reason: string | null;
            /**
             * @description set once the driver reported the customer
             * @example no_show
             */
            reporting_customer_reason: string | null;
            /** @example kF9XkQ2 */
            taxi_id: string;
            /** @description the registry's fields, as it sent them */
            operateur?: string;
            session_id?: string;
            customer_id?: string;
            creation_datetime?: string;
            /** Format: date-time */
            received_by_taxi_at: string | null;
            /** Format: date-time */
            updated_at: string | null;
            transitions: components["schemas"]["HailTransitionResponse"][];
            registry_calls: components["schemas"]["RegistryCallResponse"][];
        };
        CreateTaxiDto: {
            /**
             * @description The registry's taxi id
             * @example kF9XkQ2
             */
            id: string;
            /**
             * @description Given to the registry (and so the customer) when the taxi accepts
             * @example 0612345678
             */
            phone_number: string;
            /** @example Jeanne Martin */
            driver_name?: string;
            /** @example AB-123-CD */
            licence_plate?: string;
        };
        RegisteredTaxiResponse: {
            /**
             * @description the registry's taxi id
             * @example kF9XkQ2
             */
            id: string;
            /** @example 0612345678 */
            phone_number: string;
            /** @example Jeanne Martin */
            driver_name: string | null;
            /** @example AB-123-CD */
            licence_plate: string | null;
            /** Format: date-time */
            created_at: string | null;
            /** @description the driver app token: shown once, never retrievable later */
            token: string;
        };
        TaxiResponse: {
            /**
             * @description the registry's taxi id
             * @example kF9XkQ2
             */
            id: string;
            /** @example 0612345678 */
            phone_number: string;
            /** @example Jeanne Martin */
            driver_name: string | null;
            /** @example AB-123-CD */
            licence_plate: string | null;
            /** Format: date-time */
            created_at: string | null;
        };
        UpdateTaxiDto: {
            /** @example 0612345678 */
            phone_number?: string;
            /** @example Jeanne Martin */
            driver_name?: string;
            /** @example AB-123-CD */
            licence_plate?: string;
        };
        RotatedTokenResponse: {
            /** @example kF9XkQ2 */
            id: string;
            /** @description the new driver app token: shown once; the previous one no longer works */
            token: string;
        };
        DriverHailResponse: {
            /** @example a1b2c3d4 */
            id: string;
            /**
             * @example received_by_taxi
             * @enum {string}
             */
            status: "received" | "received_by_taxi" | "accepted_by_taxi" | "declined_by_taxi" | "timeout_taxi" | "accepted_by_customer" | "declined_by_customer" | "timeout_customer" | "incident_customer" | "customer_on_board" | "finished" | "incident_taxi" | "timeout_accepted_by_customer" | "failure";
            /** @example 2.3522 */
            customer_lon: number;
            /** @example 48.8566 */
            customer_lat: number;
            /** @example 1 rue de Rivoli, Paris */
            customer_address: string;
            /**
             * @description the customer's phone: the registry's mask 0600000000 until the customer accepts, then the real number
             * @example 0698765432
             */
            customer_phone_number: string;
            /** Format: date-time */
            created_at: string | null;
            /**
             * Format: date-time
             * @description when the decision window closes
             */
            decision_deadline_at: string | null;
            /**
             * Format: date-time
             * @description when the registry's timer on the current status runs out (accepted_by_taxi 30 s, accepted_by_customer 30 min, customer_on_board 2 h)
             */
            status_deadline_at: string | null;
            /** @example traffic */
            incident_taxi_reason: string | null;
            /**
             * @description set once the driver reported the customer
             * @example no_show
             */
            reporting_customer_reason: string | null;
        };
        ReportIncidentDto: {
            /**
             * @example traffic
             * @enum {string}
             */
            reason?: "no_show" | "address" | "traffic" | "breakdown" | "traffic_jam" | "garbage_truck";
        };
        ReportCustomerDto: {
            /**
             * @example no_show
             * @enum {string}
             */
            reason: "payment" | "courtesy" | "route" | "cleanliness" | "late" | "aggressive" | "no_show";
        };
        DriverStatusResponse: {
            /**
             * @description the registry's status as citymove last read or set it; null before the first
             * @enum {string|null}
             */
            status: "free" | "occupied" | "off" | "answering" | "oncoming" | null;
            /**
             * Format: date-time
             * @description when citymove last read or set it
             */
            read_at: string | null;
            /**
             * @description the status asked for and still on its way to the registry
             * @enum {string|null}
             */
            requested: "free" | "occupied" | "off" | null;
            /** Format: date-time */
            requested_at: string | null;
            /** @description why the last request failed for good (the registry refused it or could not be reached in time) */
            last_error: string | null;
        };
        SetDriverStatusDto: {
            /**
             * @description The status to set at the registry
             * @example free
             * @enum {string}
             */
            status: "free" | "occupied" | "off";
        };
        DriverPositionDto: {
            /** @example 48.8566 */
            lat: number;
            /** @example 2.3522 */
            lon: number;
            /**
             * Format: date-time
             * @description When the device took the position, with its offset (`Z` or `±hh:mm`); at most 30 s ahead of the server clock
             * @example 2026-12-02T10:15:30.000+01:00
             */
            timestamp: string;
        };
        PostPositionsDto: {
            positions: components["schemas"]["DriverPositionDto"][];
        };
        PositionsAcceptedResponse: {
            /** @description how many positions were given */
            received: number;
            /** @description whether the newest of them became the taxi’s latest position */
            stored: boolean;
            /** @description positions older than 120 s: never sent to the registry */
            stale: number;
            /**
             * Format: date-time
             * @description the taxi’s latest position’s timestamp
             */
            latest_at: string | null;
        };
        GeoJsonPointDto: {
            /**
             * @example Point
             * @enum {string}
             */
            type: "Point";
            /**
             * @description [longitude, latitude]: longitude first, in [-180, 180]; latitude in [-90, 90]
             * @example [
             *       2.3522,
             *       48.8566
             *     ]
             */
            coordinates: number[];
        };
        BikeView: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "available" | "on_trip" | "non_operational";
            location: components["schemas"]["GeoJsonPointDto"];
            /**
             * Format: date-time
             * @description when the bike recorded its current position
             */
            location_updated_at: string;
            /**
             * Format: uuid
             * @description its vehicle type (GET /mobility/vehicle-types/:id)
             */
            vehicle_type_id: string;
            /** @description battery left, 0 to 1, as last reported */
            current_fuel_percent: number | null;
            /** @description range left in metres, as last reported */
            current_range_meters: number | null;
            /**
             * @description metres from `near`, in lists searched with `near` only
             * @example 123.4
             */
            distance_m?: number;
        };
        CreateBikeDto: {
            location: components["schemas"]["GeoJsonPointDto"];
            /**
             * @description `on_trip` is set by trips only
             * @default available
             * @enum {string}
             */
            status?: "available" | "non_operational";
            /**
             * Format: uuid
             * @description its vehicle type (default: the plain bicycle type the migration created)
             */
            vehicle_type_id?: string;
        };
        UpdateBikeDto: {
            /**
             * @example non_operational
             * @enum {string}
             */
            status: "available" | "non_operational";
        };
        CreateBikeLocationDto: {
            location: components["schemas"]["GeoJsonPointDto"];
            /**
             * Format: date-time
             * @description When the bike recorded this position, with its offset (default: when the gateway received it). At most 5 minutes ahead of the server clock.
             * @example 2026-11-22T10:15:30.000Z
             */
            recorded_at?: string;
            /**
             * @description battery left, from 0 to 1 (GBFS current_fuel_percent)
             * @example 0.62
             */
            current_fuel_percent?: number;
            /**
             * @description distance the bike can still travel on its battery, in metres
             * @example 31000
             */
            current_range_meters?: number;
        };
        QueuedLocationView: {
            /** Format: uuid */
            bike_id: string;
            location: components["schemas"]["GeoJsonPointDto"];
            /** Format: date-time */
            recorded_at: string;
            /** @enum {string} */
            status: "queued";
        };
        CreateTripDto: {
            /**
             * Format: uuid
             * @example 3f1c2b7e-8a43-4f0e-9b1d-2c5e6f7a8b9c
             */
            bike_id: string;
        };
        TripView: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            bike_id: string;
            /**
             * @description the member id of the rider
             * @example 42
             */
            rider_id: number;
            /** @enum {string} */
            status: "in_progress" | "ended";
            /** @description the path in arrival order, from the position at start */
            locations: components["schemas"]["GeoJsonPointDto"][];
            /** Format: date-time */
            started_at: string;
            /** Format: date-time */
            ended_at: string | null;
            /** @description whole seconds, once ended */
            duration_s: number | null;
            /** @description great-circle length of the path in metres, once ended */
            distance_m: number | null;
            /** @description price in `currency` under the bike type's plan (system_pricing_plans.json), once ended */
            price: number | null;
            /** @example EUR */
            currency: string | null;
            /**
             * Format: uuid
             * @description the plan_id it was priced with
             */
            pricing_plan_id: string | null;
        };
        VehicleTypeView: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            form_factor: "bicycle" | "cargo_bicycle" | "car" | "moped" | "scooter_standing" | "scooter_seated" | "other";
            /** @enum {string} */
            propulsion_type: "human" | "electric_assist" | "electric" | "combustion" | "combustion_diesel" | "hybrid" | "plug_in_hybrid" | "hydrogen_fuel_cell";
            max_range_meters: number | null;
            /** Format: uuid */
            default_pricing_plan_id: string | null;
            /** Format: date-time */
            updated_at: string;
        };
        VehicleTypeInputDto: {
            /** @example E-bike */
            name: string;
            /**
             * @example bicycle
             * @enum {string}
             */
            form_factor: "bicycle" | "cargo_bicycle" | "car" | "moped" | "scooter_standing" | "scooter_seated" | "other";
            /**
             * @example electric_assist
             * @enum {string}
             */
            propulsion_type: "human" | "electric_assist" | "electric" | "combustion" | "combustion_diesel" | "hybrid" | "plug_in_hybrid" | "hydrogen_fuel_cell";
            /**
             * @description range on a full battery or tank in metres: required unless propulsion_type is human
             * @example 60000
             */
            max_range_meters?: number;
            /**
             * Format: uuid
             * @description the plan its trips are priced with
             */
            default_pricing_plan_id?: string | null;
        };
        PricingSegmentDto: {
            /**
             * @description minutes (or km) after which the segment applies
             * @example 0
             */
            start: number;
            /**
             * @description charged per interval begun; negative: a discount
             * @example 0.15
             */
            rate: number;
            /**
             * @description 0 charges the rate once
             * @example 1
             */
            interval: number;
            /**
             * @description where the segment stops applying (above start)
             * @example 10
             */
            end?: number;
        };
        PricingPlanView: {
            /** Format: uuid */
            id: string;
            name: string;
            description: string;
            /** @example EUR */
            currency: string;
            price: number;
            is_taxable: boolean;
            per_min_pricing: components["schemas"]["PricingSegmentDto"][];
            per_km_pricing: components["schemas"]["PricingSegmentDto"][];
            /** Format: date-time */
            updated_at: string;
        };
        PricingPlanInputDto: {
            /** @example E-bike standard */
            name: string;
            /** @example 1 EUR to unlock, then 0.15 EUR a minute */
            description: string;
            /**
             * @description ISO 4217 code
             * @example EUR
             */
            currency: string;
            /**
             * @description the fixed part of every trip
             * @example 1
             */
            price: number;
            /** @example true */
            is_taxable: boolean;
            /** @description by elapsed minutes (default none) */
            per_min_pricing?: components["schemas"]["PricingSegmentDto"][];
            /** @description by distance in km (default none) */
            per_km_pricing?: components["schemas"]["PricingSegmentDto"][];
        };
        SystemAlertView: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "system_closure" | "station_closure" | "station_move" | "other";
            summary: string;
            description: string | null;
            url: string | null;
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string | null;
            /** Format: date-time */
            updated_at: string;
        };
        SystemAlertInputDto: {
            /**
             * @example other
             * @enum {string}
             */
            type: "system_closure" | "station_closure" | "station_move" | "other";
            /** @example E-bikes unavailable on the islands */
            summary: string;
            description?: string;
            /**
             * Format: uri
             * @example https://citymove.example.org/alerts/1
             */
            url?: string;
            /**
             * Format: date-time
             * @example 2026-12-01T10:00:00Z
             */
            starts_at: string;
            /**
             * Format: date-time
             * @description after starts_at; absent: until removed
             */
            ends_at?: string;
        };
        GeofencingRuleDto: {
            /**
             * @description vehicle_type_id values the rule applies to (ids as given, no foreign key); absent: every vehicle
             * @example [
             *       "ebike"
             *     ]
             */
            vehicle_type_ids?: string[];
            ride_start_allowed: boolean;
            ride_end_allowed: boolean;
            ride_through_allowed: boolean;
            maximum_speed_kph?: number;
        };
        CreateGeofencingZoneDto: {
            /** @example Parvis Notre-Dame: no parking */
            name: string;
            /**
             * @description GeoJSON MultiPolygon, [lon, lat] positions, closed rings (exterior then holes); at most 100 polygons, 10,000 positions
             * @example {
             *       "type": "MultiPolygon",
             *       "coordinates": [
             *         [
             *           [
             *             [
             *               2.348,
             *               48.852
             *             ],
             *             [
             *               2.352,
             *               48.852
             *             ],
             *             [
             *               2.352,
             *               48.854
             *             ],
             *             [
             *               2.348,
             *               48.854
             *             ],
             *             [
             *               2.348,
             *               48.852
             *             ]
             *           ]
             *         ]
             *       ]
             *     }
             */
            geometry: Record<string, never>;
            /** @description GBFS rules; where several apply to a vehicle, the first wins */
            rules: components["schemas"]["GeofencingRuleDto"][];
            /**
             * Format: date-time
             * @description the zone holds from then on (absent: always)
             */
            start?: string | null;
            /**
             * Format: date-time
             * @description the zone holds until then (absent: for ever)
             */
            end?: string | null;
        };
        GeofencingZoneView: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description GeoJSON MultiPolygon, under the right-hand rule (exteriors counterclockwise) */
            geometry: Record<string, never>;
            rules: components["schemas"]["GeofencingRuleDto"][];
            /** Format: date-time */
            start: string | null;
            /** Format: date-time */
            end: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        UpdateGeofencingZoneDto: {
            /** @example Parvis Notre-Dame: no parking */
            name?: string;
            /** @description GeoJSON MultiPolygon (replaces the shape) */
            geometry?: Record<string, never>;
            /** @description replaces the rules */
            rules?: components["schemas"]["GeofencingRuleDto"][];
            /**
             * Format: date-time
             * @description null: always held from the start
             */
            start?: string | null;
            /**
             * Format: date-time
             * @description null: held for ever
             */
            end?: string | null;
        };
        GeofencingGlobalRulesView: {
            rules: components["schemas"]["GeofencingRuleDto"][];
            /**
             * Format: date-time
             * @description null: never set
             */
            updated_at: string | null;
        };
        GeofencingGlobalRulesDto: {
            /**
             * @description GBFS global rules; where several apply to a vehicle, the first wins; [] clears them (everything allowed outside zones)
             * @example [
             *       {
             *         "ride_start_allowed": false,
             *         "ride_end_allowed": false,
             *         "ride_through_allowed": true
             *       }
             *     ]
             */
            rules: components["schemas"]["GeofencingRuleDto"][];
        };
        CreateReservationDto: {
            /**
             * Format: uuid
             * @example 3f1c2b7e-8a43-4f0e-9b1d-2c5e6f7a8b9c
             */
            bike_id: string;
        };
        ReservationView: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            bike_id: string;
            /**
             * @description the member id of the rider
             * @example 42
             */
            rider_id: number;
            /**
             * @description active holds the bike until expires_at
             * @enum {string}
             */
            status: "active" | "used" | "cancelled" | "expired";
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string;
            /**
             * Format: date-time
             * @description when it stopped holding the bike
             */
            ended_at: string | null;
            /**
             * Format: uuid
             * @description the trip that used it
             */
            trip_id: string | null;
        };
        CreateUserDto: {
            /** @example Ada */
            first_name: string;
            /** @example Lovelace */
            last_name: string;
            /**
             * Format: email
             * @description unique, compared case-insensitively
             * @example ada@example.org
             */
            email: string;
            /** @example correct horse battery */
            password: string;
        };
        CreatedIdResponse: {
            /** @example 1 */
            id: number;
        };
        AuthDto: {
            /** @example ada@example.org */
            email: string;
            /** @example correct horse battery */
            password: string;
        };
        ParkingTokenResponse: {
            /** @example eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9… */
            access_token: string;
            /** @example Bearer */
            token_type: string;
            /** @example 3600 */
            expires_in: number;
        };
        OrgSummaryResponse: {
            /** @example 1 */
            id: number;
            /** @example Lycée Victor Hugo */
            name: string;
        };
        PassResponse: {
            /** @example 1 */
            id: number;
            /** @example 1 */
            org_id: number;
            /** @example 3 */
            owner_id: number;
            /** @example 1 */
            requested_state_id: number;
            /** @example 14 */
            requested_spot_num: number;
            /** @example 1 */
            state_id: number | null;
            /** @example 14 */
            spot_num: number | null;
            /** @example true */
            verified: boolean;
            /** @example 2026-11-22T10:15:30.000Z */
            requested_at: string;
            /** @example 2026-11-22T11:00:00.000Z */
            verified_at: string | null;
        };
        LentResponse: {
            /** @example 1 */
            pass_id: number | null;
            /** @example 2026-12-01 */
            date: string;
            /**
             * @description null until matched
             * @example 7
             */
            borrower_id: number | null;
        };
        BorrowedResponse: {
            /** @example 1 */
            pass_id: number | null;
            /** @example 1 */
            org_id: number;
            /** @example 2026-12-01 */
            date: string;
            /** @example 1 */
            state_id: number | null;
            /** @example 14 */
            spot_num: number | null;
        };
        MyPassesResponse: {
            pending: components["schemas"]["PassResponse"][];
            owned: components["schemas"]["PassResponse"][];
            lent: components["schemas"]["LentResponse"][];
            borrowed: components["schemas"]["BorrowedResponse"][];
        };
        MeResponse: {
            /** @example 3 */
            id: number;
            /** @example Ada */
            first_name: string;
            /** @example Lovelace */
            last_name: string;
            /** @example ada@example.org */
            email: string;
            participates: components["schemas"]["OrgSummaryResponse"][];
            moderates: components["schemas"]["OrgSummaryResponse"][];
            passes: components["schemas"]["MyPassesResponse"];
        };
        MyRequestResponse: {
            /** @example 12 */
            request_id: number;
            /** @example 1 */
            org_id: number;
            /**
             * @description null for an indefinite request
             * @example 2026-12-01
             */
            date: string | null;
            /** @example false */
            indefinite: boolean;
            /**
             * @description 1-based place in its date's queue; null when indefinite
             * @example 2
             */
            position: number | null;
            /**
             * @description how many requests the date's queue holds
             * @example 3
             */
            queue_length: number | null;
            /**
             * @description later of the request time and the last service
             * @example 2026-11-25T08:00:00.000Z
             */
            priority_key: string;
            /**
             * @description why the request stands where it does
             * @example served recently: queued from the last service
             */
            reason: string;
        };
        CreateOrgDto: {
            /** @example Lycée Victor Hugo */
            name: string;
            /**
             * @default UTC
             * @example Europe/Paris
             */
            timezone?: string;
            /** @example Welcome to the staff car park */
            greeting?: string;
            /** @example Park nose in. Lend your pass when you are away. */
            rules?: string;
            /**
             * @description HH:mm on the day before, in the org time zone
             * @default 18:00
             * @example 18:00
             */
            lock_in?: string;
        };
        OrgResponse: {
            /** @example 1 */
            id: number;
            /** @example Lycée Victor Hugo */
            name: string;
            /**
             * @description members only
             * @example Europe/Paris
             */
            timezone?: string;
            /**
             * @description members only
             * @example Welcome
             */
            greeting?: string;
            /**
             * @description members only
             * @example Park nose in
             */
            rules?: string;
            /**
             * @description members only
             * @example 18:00
             */
            lock_in?: string;
        };
        UpdateOrgDto: {
            /** @example Lycée Victor Hugo */
            name?: string;
            /**
             * @default UTC
             * @example Europe/Paris
             */
            timezone?: string;
            /** @example Welcome to the staff car park */
            greeting?: string;
            /** @example Park nose in. Lend your pass when you are away. */
            rules?: string;
            /**
             * @description HH:mm on the day before, in the org time zone
             * @default 18:00
             * @example 18:00
             */
            lock_in?: string;
        };
        UserReferenceDto: {
            /** @example 12 */
            user_id?: number;
            /**
             * Format: email
             * @example ada@example.org
             */
            email?: string;
        };
        CreateDayStateDto: {
            /** @example A */
            identifier: string;
            /** @example Today is an A day */
            greeting?: string;
        };
        DayStateResponse: {
            /** @example 1 */
            id: number;
            /** @example A */
            identifier: string;
            /** @example Today is an A day */
            greeting: string;
        };
        CurrentDayStateResponse: {
            /** @example 2026-12-01 */
            date: string;
            daystate: components["schemas"]["DayStateResponse"] | null;
        };
        AnchorDto: {
            /** @example 2026-11-02 */
            date: string;
            /** @example 1 */
            daystate_id: number;
        };
        ScheduleExceptionDto: {
            /** @example 2026-11-11 */
            date: string;
            /**
             * @description null: nobody parks that day
             * @example null
             */
            daystate_id: number | null;
        };
        ScheduleDto: {
            /**
             * @example [
             *       1,
             *       2
             *     ]
             */
            sequence: number[];
            anchor: components["schemas"]["AnchorDto"];
            /**
             * @example [
             *       "saturday",
             *       "sunday"
             *     ]
             */
            skip: ("monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")[];
            exceptions: components["schemas"]["ScheduleExceptionDto"][];
        };
        CreatePassDto: {
            /**
             * @description a day state of the org
             * @example 1
             */
            state_id: number;
            /** @example 14 */
            spot_num: number;
        };
        OfferResponse: {
            /** @example 4 */
            id: number;
            /** @example 1 */
            pass_id: number | null;
            /** @example 3 */
            lender_id: number;
            /** @example 2026-11-25T08:00:00.000Z */
            offered_at: string;
            /** @example null */
            borrower_id: number | null;
        };
        QueuedRequestResponse: {
            /** @example 12 */
            id: number;
            /**
             * @description 1-based place in the queue
             * @example 1
             */
            position: number;
            /**
             * @description why the request stands there
             * @example first come, first served
             */
            reason: string;
            /** @example 7 */
            borrower_id: number;
            /** @example false */
            indefinite: boolean;
            /**
             * @description lost a loan to a deleted pass
             * @example false
             */
            front_of_queue: boolean;
            /** @example 2026-11-25T08:00:00.000Z */
            requested_at: string;
            /**
             * @description later of requested_at and the last service
             * @example 2026-11-25T08:00:00.000Z
             */
            priority_key: string;
        };
        MatchResponse: {
            /** @example 1 */
            pass_id: number | null;
            /** @example 2026-12-01 */
            date: string;
            /** @example 3 */
            lender_id: number;
            /** @example 7 */
            borrower_id: number;
            /** @example 12 */
            request_id: number | null;
            /** @example 2026-11-30T17:00:00.000Z */
            matched_at: string;
        };
        LoansResponse: {
            /** @example 2026-12-01 */
            date: string;
            daystate: components["schemas"]["DayStateResponse"] | null;
            /** @example 2026-11-30T17:00:00.000Z */
            lock_in_at: string;
            /** @example true */
            locked_in: boolean;
            /** @example 2026-11-30T17:00:00.120Z */
            locked_at: string | null;
            /** @description in offer order */
            offers: components["schemas"]["OfferResponse"][];
            /** @description open requests in queue order */
            requests: components["schemas"]["QueuedRequestResponse"][];
            matches: components["schemas"]["MatchResponse"][];
        };
        DateAnswerResponse: {
            /** @example true */
            enqueued: boolean;
            /**
             * @description borrow only, when enqueued
             * @example 12
             */
            request_id?: number;
            /**
             * @description when not enqueued
             * @example past date
             */
            reason?: string;
        };
        BorrowDto: {
            /** @example 2026-12-01 */
            date?: string;
            /**
             * @description with end_date: an inclusive range of at most 366 days
             * @example 2026-12-01
             */
            start_date?: string;
            /** @example 2026-12-05 */
            end_date?: string;
            /**
             * @description with until (and optionally start_date, default today): every such weekday, or every date of that day state id
             * @example friday
             */
            every?: ("monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday") | number;
            /**
             * @description with every: the last date (inclusive), within the booking horizon
             * @example 2027-01-29
             */
            until?: string;
            /** @example 1 */
            org_id: number;
            /**
             * @description queue for every future date, after the dated requests
             * @example true
             */
            indefinite?: boolean;
        };
        AssignPassDto: {
            /** @example 2 */
            state_id?: number;
            /** @example 15 */
            spot_num?: number;
        };
        DatesDto: {
            /** @example 2026-12-01 */
            date?: string;
            /**
             * @description with end_date: an inclusive range of at most 366 days
             * @example 2026-12-01
             */
            start_date?: string;
            /** @example 2026-12-05 */
            end_date?: string;
            /**
             * @description with until (and optionally start_date, default today): every such weekday, or every date of that day state id
             * @example friday
             */
            every?: ("monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday") | number;
            /**
             * @description with every: the last date (inclusive), within the booking horizon
             * @example 2027-01-29
             */
            until?: string;
        };
        ReleaseDto: {
            /** @example 2026-12-01 */
            date: string;
        };
        ReleaseResponse: {
            /** @example 2026-12-01 */
            date: string;
            /** @example 1 */
            pass_id: number;
            /**
             * @description the borrower who lost the loan, now at the front of the queue
             * @example 7
             */
            borrower_id: number;
            /**
             * @description the pass they were matched with again at once, if one was free
             * @example 2
             */
            rematched_pass_id: number | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every dependency answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description A dependency is down; its check says so. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Neither `Bearer <METRICS_TOKEN>` nor admin Basic */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EventsController_consume: {
        parameters: {
            query: {
                /** @description long poll: seconds 1..30 to wait for an event */
                wait?: number;
                /** @description integer 1..1000 */
                limit: number;
                eventName: string;
            };
            header: {
                /** @description 1 to 128 letters, digits, '.', '_', ':' or '-' */
                "X-Consumer-ID": string;
            };
            path: {
                /** @description 1 to 200 characters, URL-encoded, no '/' */
                streamName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveredEventDto"][];
                };
            };
            /** @description The message names the field at fault */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description EVENTS_CLIENT_STREAMS limits this client to other stream prefixes */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description No event was ever written to the stream */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    EventsController_append: {
        parameters: {
            query?: never;
            header: {
                /** @description The event name's last sequence the producer saw (0 for none): appended only if it still is, else 409 */
                "X-Expected-Sequence"?: string;
                /** @description Up to 255 visible ASCII characters: a repeat of the append (same body) within 24 h answers the first id and stores nothing */
                "Idempotency-Key"?: string;
                /** @description 1 to 128 letters, digits, '.', '_', ':' or '-' */
                "X-Producer-ID": string;
            };
            path: {
                /** @description 1 to 200 characters, URL-encoded, no '/' */
                streamName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppendEventDto"];
            };
        };
        responses: {
            /** @description The new event id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description The message names the field at fault */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description EVENTS_CLIENT_STREAMS limits this client to other stream prefixes */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description X-Expected-Sequence is no longer the last sequence of that event name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Body over 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description The Idempotency-Key was used for another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Another producer owns the stream, or citymove publishes it itself (operator.hails, mobility.trips, parking.loans) */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    EventsController_subscribe: {
        parameters: {
            query: {
                eventName: string;
            };
            header: {
                /** @description The last sequence received: resume after it */
                "Last-Event-ID"?: string;
                /** @description 1 to 128 letters, digits, '.', '_', ':' or '-' */
                "X-Consumer-ID": string;
            };
            path: {
                /** @description 1 to 200 characters, URL-encoded, no '/' */
                streamName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The message names the field at fault */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description EVENTS_CLIENT_STREAMS limits this client to other stream prefixes */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description No event was ever written to the stream */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    EventsController_findEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 1 to 200 characters, URL-encoded, no '/' */
                streamName: string;
                /** @description The event id (UUID) */
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PositionedEventDto"];
                };
            };
            /** @description The message names the field at fault */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description EVENTS_CLIENT_STREAMS limits this client to other stream prefixes */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Unknown stream, or no such event in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    EventsController_acknowledge: {
        parameters: {
            query?: never;
            header: {
                /** @description 1 to 128 letters, digits, '.', '_', ':' or '-' */
                "X-Consumer-ID": string;
            };
            path: {
                /** @description 1 to 200 characters, URL-encoded, no '/' */
                streamName: string;
                /** @description The event id (UUID) */
                eventId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["AcknowledgeEventDto"];
                "application/json": components["schemas"]["AcknowledgeEventDto"];
            };
        };
        responses: {
            /** @description Acknowledged */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description The message names the field at fault */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description EVENTS_CLIENT_STREAMS limits this client to other stream prefixes */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Unknown stream, or no such event in it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    EventsController_readAll: {
        parameters: {
            query: {
                /** @description integer 1..1000 */
                limit: number;
                /** @description position to read after (default 0) */
                after?: number;
            };
            header?: never;
            path: {
                /** @description 1 to 200 characters, URL-encoded, no '/' */
                streamName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PositionedEventDto"][];
                };
            };
            /** @description The message names the field at fault */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description EVENTS_CLIENT_STREAMS limits this client to other stream prefixes */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description No event was ever written to the stream */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    EventsController_seek: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 1 to 200 characters, URL-encoded, no '/' */
                streamName: string;
                /** @description 1 to 128 letters, digits, '.', '_', ':' or '-' */
                consumerId: string;
                /** @description The event name, URL-encoded */
                eventName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeekOffsetDto"];
            };
        };
        responses: {
            /** @description Offset set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description The message names the field at fault */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description EVENTS_CLIENT_STREAMS limits this client to other stream prefixes */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description No event was ever written to the stream */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    EventsController_listStreams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamSummaryDto"][];
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description EVENTS_CLIENT_STREAMS limits this client to other stream prefixes */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    EventsController_listConsumers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 1 to 200 characters, URL-encoded, no '/' */
                streamName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsumerPositionDto"][];
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description EVENTS_CLIENT_STREAMS limits this client to other stream prefixes */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description No event was ever written to the stream */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Too many failed credentials from this address (AUTH_FAILURE_RATE_LIMIT), with Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    EventsStatsController_stats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventStatsDto"];
                };
            };
            /** @description Bad credentials (with `WWW-Authenticate: Basic realm="events"`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
        };
    };
    LoginController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessTokenResponseDto"];
                };
            };
            /** @description Invalid body, or no User-Agent header. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Bad credentials: the same answer whether the account exists or not. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The account is inactive. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Accept does not admit JSON, or the body is not application/json. */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The 11th attempt within a minute from one address, or naming one account from anywhere (LOGIN_RATE_LIMIT, LOGIN_ACCOUNT_RATE_LIMIT; code 429, Retry-After). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    LoginController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid member token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MembersController_ownProfile: {
        parameters: {
            query?: never;
            header?: {
                /** @description a previous ETag (or *): 304 when still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description With a strong ETag. */
            200: {
                headers: {
                    /** @description strong tag of the exact body bytes */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponseDto"];
                };
            };
            /** @description Invalid input, or no User-Agent header (code 400). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No valid member token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Accept does not admit JSON, or a body that is not application/json (code 406). */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MembersController_findOne: {
        parameters: {
            query?: never;
            header?: {
                /** @description a previous ETag (or *): 304 when still current */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description With a strong ETag; `email` absent when show_email is false. */
            200: {
                headers: {
                    /** @description strong tag of the exact body bytes */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponseDto"];
                };
            };
            /** @description Invalid input, or no User-Agent header (code 400). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description member does not exist (code 404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Accept does not admit JSON, or a body that is not application/json (code 406). */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MembersController_list: {
        parameters: {
            query?: {
                /** @description 1..100 (default 50), else 400 code 4003 */
                perPage?: unknown;
                /** @description not a positive integer → 400 code 4001; beyond the last page → 404 code 4002 */
                page?: unknown;
                ordering?: "id" | "-id" | "username" | "-username" | "date_joined" | "-date_joined" | "last_visit" | "-last_visit";
                is_staff?: "true" | "false";
                is_active?: "true" | "false";
                search?: unknown;
            };
            header?: {
                /** @description a previous ETag (or *): 304 when still current */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A JSON array; `Link` (first, prev, next, last) and `X-Total-Count` headers; a strong ETag. */
            200: {
                headers: {
                    /** @description strong tag of the exact body bytes */
                    ETag?: string;
                    /** @description first, prev, next, last: absolute URLs keeping the other query parameters */
                    Link?: string;
                    /** @description members matching the query */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponseDto"][];
                };
            };
            /**
             * @description Invalid input, or no User-Agent header (code 400).
             *
             *     page not a positive integer (4001), perPage outside 1..100 (4003), unknown ordering or filter value (400).
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The page does not exist (code 4002). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Accept does not admit JSON, or a body that is not application/json (code 406). */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MembersController_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag of the caller's current profile (GET /v1/membres/monprofil) */
                "If-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMemberDto"];
            };
        };
        responses: {
            /** @description The updated profile, with its ETag (usable as the next If-Match). */
            200: {
                headers: {
                    /** @description strong tag of the exact body bytes */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponseDto"];
                };
            };
            /** @description Invalid input, or no User-Agent header (code 400). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No valid member token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Accept does not admit JSON, or a body that is not application/json (code 406). */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The username or e-mail is taken (code 409). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description If-Match does not match the current profile (code 412). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    MembersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMemberDto"];
            };
        };
        responses: {
            /** @description The new profile (e-mail included). */
            201: {
                headers: {
                    /** @description /v1/membres/<id> */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberResponseDto"];
                };
            };
            /** @description Invalid input, or no User-Agent header (code 400). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Accept does not admit JSON, or a body that is not application/json (code 406). */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The username or e-mail is taken, ignoring case (code 409). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description More sign-ups from one address than SIGNUP_RATE_LIMIT allows (code 429, Retry-After). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    HailsController_list: {
        parameters: {
            query?: {
                /** @description page number, from 1 */
                page?: number;
                /** @description items per page, 1 to 100 (default 50) */
                perPage?: number;
                status?: "received" | "received_by_taxi" | "accepted_by_taxi" | "declined_by_taxi" | "timeout_taxi" | "accepted_by_customer" | "declined_by_customer" | "timeout_customer" | "incident_customer" | "customer_on_board" | "finished" | "incident_taxi" | "timeout_accepted_by_customer" | "failure";
                taxi_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An array of hails */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HailSummaryResponse"][];
                };
            };
            /** @description Admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HailsController_receive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateHailDto"];
            };
        };
        responses: {
            /** @description `{"data":[{"taxi_phone_number":"…"}]}`, or `{}` when the taxi has no phone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A required field is missing or invalid; nothing stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Wrong or missing registry header */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The taxi is not one of ours */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HailsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hail */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HailDetailResponse"];
                };
            };
            /** @description Admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such hail */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaxisController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An array of taxis */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaxiResponse"][];
                };
            };
            /** @description Admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaxisController_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTaxiDto"];
            };
        };
        responses: {
            /** @description The taxi and `token`, the driver app token (not retrievable later) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredTaxiResponse"];
                };
            };
            /** @description Invalid fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A taxi with this id is already registered */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaxisController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The taxi */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaxiResponse"];
                };
            };
            /** @description Admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such taxi */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaxisController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such taxi */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaxisController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTaxiDto"];
            };
        };
        responses: {
            /** @description The taxi after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaxiResponse"];
                };
            };
            /** @description Invalid fields, or none */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such taxi */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaxisController_rotateToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new token, shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedTokenResponse"];
                };
            };
            /** @description Admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such taxi */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An array of hails, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriverHailResponse"][];
                };
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hail, in its new status (the registry update is queued); the same answer again: 200, nothing re-sent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriverHailResponse"];
                };
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such hail for this taxi (another taxi's hail included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Impossible from the hail’s current status */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The hail is over without the driver (timeout_taxi, timeout_customer, timeout_accepted_by_customer, failure) or the registry's window for its status has passed */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverController_decline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hail, in its new status (the registry update is queued); the same answer again: 200, nothing re-sent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriverHailResponse"];
                };
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such hail for this taxi (another taxi's hail included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Impossible from the hail’s current status */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The hail is over without the driver (timeout_taxi, timeout_customer, timeout_accepted_by_customer, failure) or the registry's window for its status has passed */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverController_customerOnBoard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hail, in its new status (the registry update is queued); the same answer again: 200, nothing re-sent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriverHailResponse"];
                };
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such hail for this taxi (another taxi's hail included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Impossible from the hail’s current status */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The hail is over without the driver (timeout_taxi, timeout_customer, timeout_accepted_by_customer, failure) or the registry's window for its status has passed */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverController_finish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hail, in its new status (the registry update is queued); the same answer again: 200, nothing re-sent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriverHailResponse"];
                };
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such hail for this taxi (another taxi's hail included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Impossible from the hail’s current status */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The hail is over without the driver (timeout_taxi, timeout_customer, timeout_accepted_by_customer, failure) or the registry's window for its status has passed */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverController_incident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportIncidentDto"];
            };
        };
        responses: {
            /** @description The hail, in its new status (the registry update is queued); the same answer again: 200, nothing re-sent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriverHailResponse"];
                };
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such hail for this taxi (another taxi's hail included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Impossible from the hail’s current status */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The hail is over without the driver (timeout_taxi, timeout_customer, timeout_accepted_by_customer, failure) or the registry's window for its status has passed */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverController_report: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportCustomerDto"];
            };
        };
        responses: {
            /** @description The hail; the report is queued for the registry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriverHailResponse"];
                };
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such hail for this taxi (another taxi's hail included) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverTaxiController_current: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriverStatusResponse"];
                };
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverTaxiController_set: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetDriverStatusDto"];
            };
        };
        responses: {
            /** @description Stored; `requested` shows it until the registry took it */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriverStatusResponse"];
                };
            };
            /** @description status must be free, occupied or off */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverTaxiController_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostPositionsDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PositionsAcceptedResponse"];
                };
            };
            /** @description A position out of range, a timestamp without offset or from the future, an empty or too long batch */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The database is busy with hails (Retry-After): drop this position, send the next one */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DriverTaxiController_stream: {
        parameters: {
            query?: never;
            header?: {
                /** @description The id of the last event received: resume after it */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An event stream (text/event-stream) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Last-Event-ID is not an id this stream sent */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A valid taxi token is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BikesController_list: {
        parameters: {
            query?: {
                /** @description page number, from 1 */
                page?: number;
                /** @description items per page, 1 to 100 (default 50) */
                perPage?: number;
                status?: "available" | "on_trip" | "non_operational";
                /** @description `<lon>,<lat>`: only bikes within `radius`, nearest first, each with `distance_m` */
                near?: string;
                /** @description metres, with `near` only; default 500, at most 10000 */
                radius?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page; Link and X-Total-Count headers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BikeView"][];
                };
            };
            /** @description bad status, near, radius (above 10 km), page or perPage */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description page beyond the last (code 4002) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BikesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBikeDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BikeView"];
                };
            };
            /** @description invalid location or status (one entry per field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BikesController_findOne: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BikeView"];
                };
            };
            /** @description unknown bike */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BikesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBikeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BikeView"];
                };
            };
            /** @description invalid status */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown bike */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the bike is on a trip */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BikesController_reportLocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBikeLocationDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedLocationView"];
                };
            };
            /** @description invalid location or recorded_at */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown bike (checked before queueing) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TripsController_list: {
        parameters: {
            query?: {
                /** @description page number, from 1 */
                page?: number;
                /** @description items per page, 1 to 100 (default 50) */
                perPage?: number;
                status?: "in_progress" | "ended";
                bike_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page; Link and X-Total-Count headers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TripView"][];
                };
            };
            /** @description bad bike_id, status, page or perPage */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TripsController_start: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTripDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TripView"];
                };
            };
            /** @description bike_id missing or not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description member token required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown bike */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the bike is not available, or the rider already has a trip in progress */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TripsController_end: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TripView"];
                };
            };
            /** @description member token required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description another rider's trip */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown trip */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the trip has already ended */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TripsController_findOne: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TripView"];
                };
            };
            /** @description member token or admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description another rider's trip */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown trip */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TripsController_listMine: {
        parameters: {
            query?: {
                /** @description page number, from 1 */
                page?: number;
                /** @description items per page, 1 to 100 (default 50) */
                perPage?: number;
                status?: "in_progress" | "ended";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page; Link and X-Total-Count headers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TripView"][];
                };
            };
            /** @description bad status, page or perPage */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description member token required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GbfsController_discovery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GBFS 3.0 gbfs.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GbfsController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GBFS 3.0 gbfs_versions.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GbfsController_systemInformation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GBFS 3.0 system_information.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GbfsController_vehicleTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GBFS 3.0 vehicle_types.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GbfsController_vehicleStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GBFS 3.0 vehicle_status.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GbfsController_pricingPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GBFS 3.0 system_pricing_plans.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GbfsController_systemAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GBFS 3.0 system_alerts.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GbfsController_geofencingZones: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description GBFS 3.0 geofencing_zones.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    VehicleTypesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VehicleTypeView"][];
                };
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    VehicleTypesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VehicleTypeInputDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VehicleTypeView"];
                };
            };
            /** @description invalid field, or a default_pricing_plan_id that names no plan */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    VehicleTypesController_findOne: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VehicleTypeView"];
                };
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown vehicle type */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    VehicleTypesController_replace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VehicleTypeInputDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VehicleTypeView"];
                };
            };
            /** @description invalid field, or a default_pricing_plan_id that names no plan */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown vehicle type */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    VehicleTypesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown vehicle type */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description bikes have this type */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PricingPlansController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricingPlanView"][];
                };
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PricingPlansController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PricingPlanInputDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricingPlanView"];
                };
            };
            /** @description invalid field, or a segment whose end is not after its start */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PricingPlansController_findOne: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricingPlanView"];
                };
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown pricing plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PricingPlansController_replace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PricingPlanInputDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricingPlanView"];
                };
            };
            /** @description invalid field, or a segment whose end is not after its start */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown pricing plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PricingPlansController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown pricing plan */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a vehicle type uses this plan */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SystemAlertsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemAlertView"][];
                };
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SystemAlertsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SystemAlertInputDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemAlertView"];
                };
            };
            /** @description invalid field; times without an offset; ends_at not after starts_at */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SystemAlertsController_findOne: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemAlertView"];
                };
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown alert */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SystemAlertsController_replace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SystemAlertInputDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemAlertView"];
                };
            };
            /** @description invalid field; times without an offset; ends_at not after starts_at */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown alert */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SystemAlertsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description withdrawn */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown alert */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GeofencingZonesController_list: {
        parameters: {
            query?: {
                /** @description page number, from 1 */
                page?: number;
                /** @description items per page, 1 to 100 (default 50) */
                perPage?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page; Link and X-Total-Count headers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeofencingZoneView"][];
                };
            };
            /** @description bad page or perPage */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GeofencingZonesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGeofencingZoneDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeofencingZoneView"];
                };
            };
            /** @description bad GeoJSON, rules, name or times */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GeofencingZonesController_findOne: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeofencingZoneView"];
                };
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown zone */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GeofencingZonesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown zone */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GeofencingZonesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateGeofencingZoneDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeofencingZoneView"];
                };
            };
            /** @description bad GeoJSON, rules, name or times */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown zone */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GeofencingGlobalRulesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeofencingGlobalRulesView"];
                };
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GeofencingGlobalRulesController_replace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GeofencingGlobalRulesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeofencingGlobalRulesView"];
                };
            };
            /** @description bad rules */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReservationsController_reserve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReservationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationView"];
                };
            };
            /** @description bike_id missing or not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description member token required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown bike */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the bike is not available or is reserved, or you already hold a reservation */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReservationsController_findMine: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationView"];
                };
            };
            /** @description member token required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description you hold no reservation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReservationsController_findOne: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationView"];
                };
            };
            /** @description member token or admin credentials required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description another rider's reservation */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown reservation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReservationsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the cancelled reservation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationView"];
                };
            };
            /** @description member token required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description another rider's reservation */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unknown reservation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the reservation no longer holds its bike (used, cancelled or expired) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedIdResponse"];
                };
            };
            /** @description one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the e-mail address already has an account */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description more sign-ups from one address than SIGNUP_RATE_LIMIT allows */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_authenticate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuthDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParkingTokenResponse"];
                };
            };
            /** @description wrong e-mail or password */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the 11th attempt within a minute from one address, or naming one account from anywhere (LOGIN_RATE_LIMIT, LOGIN_ACCOUNT_RATE_LIMIT) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description signed out, on every device */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeResponse"];
                };
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_myRequests: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyRequestResponse"][];
                };
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_myPasses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyPassesResponse"];
                };
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrgDto"];
            };
        };
        responses: {
            /** @description with a `Location` header */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedIdResponse"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_search: {
        parameters: {
            query: {
                q: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgSummaryResponse"][];
                };
            };
            /** @description q is empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_view: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgResponse"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrgDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgResponse"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description not a moderator of this org */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_addParticipant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserReferenceDto"];
            };
        };
        responses: {
            /** @description added (or already a participant) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_removeParticipant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_addModerator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserReferenceDto"];
            };
        };
        responses: {
            /** @description added (or already a moderator) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_listDayStates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DayStateResponse"][];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_createDayState: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDayStateDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DayStateResponse"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the org already has a day state with this identifier */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_currentDayState: {
        parameters: {
            query?: {
                date?: unknown;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentDayStateResponse"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_getSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleDto"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no schedule set yet */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_setSchedule: {
        parameters: {
            query?: {
                /** @description also cancel loans of locked-in dates that changed */
                cancel_locked_in?: "true" | "false";
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleDto"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_requestPass: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePassDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedIdResponse"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_listPasses: {
        parameters: {
            query?: {
                verified?: "true" | "false";
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PassResponse"][];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_lockIn: {
        parameters: {
            query: {
                date: unknown;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the date's loans after lock-in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoansResponse"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrgsController_loansOf: {
        parameters: {
            query?: {
                date?: unknown;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoansResponse"];
                };
            };
            /** @description invalid body or query, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token (or an invalid one on optional-auth routes) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the caller lacks the role the route needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such org */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PassesController_borrow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BorrowDto"];
            };
        };
        responses: {
            /** @description per date `{"enqueued": true, "request_id"}` or `{"enqueued": false, "reason"}`; or `{"indefinite": {…}}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: components["schemas"]["DateAnswerResponse"];
                    };
                };
            };
            /** @description invalid body, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description not a participant of the org */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PassesController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                requestId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description withdrawn */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid body, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no such request of the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the request was served and its match is locked in */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PassesController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignPassDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PassResponse"];
                };
            };
            /** @description invalid body, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description another verified pass holds that state and spot */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PassesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid body, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PassesController_lend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatesDto"];
            };
        };
        responses: {
            /** @description per date `{"enqueued": bool, "reason"?}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: components["schemas"]["DateAnswerResponse"];
                    };
                };
            };
            /** @description invalid body, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the pass is not verified */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PassesController_release: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReleaseDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseResponse"];
                };
            };
            /** @description invalid body, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the day has started, or the pass is not lent (or not matched) that date */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PassesController_unlend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatesDto"];
            };
        };
        responses: {
            /** @description per date `{"dequeued": bool, "reason"?}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid body, one entry per faulty field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid parking token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
