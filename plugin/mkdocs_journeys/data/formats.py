"""Content formats as data: the built-in library, the industries with their presets, and every format a site knows.

The built-in library is the product's own marketing knowledge, written as data. Each format says where it applies
(the common stage types, the industries that publish it, whether it is written for consumers, businesses or
anyone), which channels can carry it, and what calls for it: keywords in what a team records, and the flags
documented on `ContentFormat`. An industry's preset is its own formats (those that name it) and its own words for
the shared ones (`Industry.wording`): a hotel's order confirmation is a booking confirmation.

A team adds formats, redefines built-in ones and switches them off in `content.yml`, and adds industries there
(see `ContentFile`). Validation names formats and industries by the ids known here, and `advice/library.py` decides
which formats apply to one persona at one stage.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs_journeys.data.catalog import Catalog
from mkdocs_journeys.data.model import Audience, ContentFormat, FormatWording, Industry

SOFTWARE = "software"
RETAIL = "retail"
HOSPITALITY = "hospitality"
FINANCE = "financial-services"
PUBLIC = "public-services"

SELLERS = (SOFTWARE, RETAIL, HOSPITALITY, FINANCE)
"""Businesses that sell: public bodies do not ask for reviews, retarget or reward loyalty."""
CONSUMER_SERVICES = (RETAIL, HOSPITALITY, FINANCE, PUBLIC)
"""Businesses with offices, stores, branches or hotels that people visit."""


def _format(
    id: str,
    name: str,
    purpose: str,
    *,
    stages: str,
    channels: str,
    keywords: str = "",
    industries: Iterable[str] = (),
    audience: Audience = "any",
    every_question_in: str = "",
    staple_in: str = "",
    catch_all: bool = False,
    recovers_drop_off: bool = False,
    content_of_touchpoint: bool = False,
) -> ContentFormat:
    """Compact notation for the table below: stage types, channels and keywords are comma-separated."""
    return ContentFormat.model_validate(
        {
            "id": id,
            "name": name,
            "purpose": purpose,
            "stages": _items(stages),
            "industries": list(industries),
            "audience": audience,
            "channels": _items(channels),
            "keywords": _items(keywords),
            "catch_all": catch_all,
            "every_question_in": _items(every_question_in),
            "staple_in": _items(staple_in),
            "recovers_drop_off": recovers_drop_off,
            "content_of_touchpoint": content_of_touchpoint,
        }
    )


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


# Keywords are words or phrases (`fee` also matches "fees"; `compar*` matches compare and comparison), matched
# case-insensitively in the questions, pain points, KPI names, opportunities and wishes a journey records; they decide
# which format answers what. They are the words customers and teams use, not the words of one business: a format's
# industries, audience and stages keep a hotel's "free trial of the spa" away from a software trial. Order matters
# only for display: formats come in the order a marketer would usually start with.
BUILTIN_FORMATS: tuple[ContentFormat, ...] = (
    # --- any business ---------------------------------------------------------------------------------------------
    _format(
        "blog-post",
        "Educational blog post",
        "Explains a problem or a topic in the customer's own words, before they look for a provider.",
        stages="awareness",
        channels="web, search",
        every_question_in="awareness",
        keywords="explain*, jargon, understand*, how to, tip*",
    ),
    _format(
        "seo-article",
        "SEO article",
        "Answers the exact words people search when the need first bites, so they find you and not a competitor.",
        stages="awareness",
        channels="search, web",
        every_question_in="awareness",
        keywords="search*, google",
    ),
    _format(
        "social-post",
        "Social media post",
        "Meets people where they scroll with a tip, a picture or a story they recognise and share.",
        stages="awareness, favorability, consideration",
        channels="social",
        every_question_in="awareness",
        content_of_touchpoint=True,
        keywords="instagram, facebook, tiktok, linkedin, social media, post*, share*, follower*",
    ),
    _format(
        "video",
        "Short video",
        "Shows the thing and the outcome in under a minute, in feeds and in search results.",
        stages="awareness, favorability",
        channels="social, advertising",
        every_question_in="awareness",
        keywords="video*, reel*, see it, watch*, show me",
    ),
    _format(
        "customer-story",
        "Customer story",
        "One real customer like them, in their own words and pictures, on the outcome they want.",
        stages="awareness, favorability, consideration",
        channels="social, web, email",
        keywords="people like me, someone like me, real, picture, imagine, stor*",
    ),
    _format(
        "brand-story",
        "Brand story",
        "Shows who is behind the business and why, so it is liked and trusted, not only seen.",
        stages="awareness, favorability",
        channels="web, social, advertising",
        keywords="who is behind, who are you, behind this, brand*, founder*, values, mission",
    ),
    _format(
        "expert-article",
        "Expert article",
        "Practical expertise on the customer's problem that makes the business a voice worth listening to.",
        stages="favorability, consideration",
        channels="web, search",
        keywords="expert*, engineer*, specialist*, future, trend*, predict*, best practice*, what do you think, "
        "your view",
    ),
    _format(
        "newsletter",
        "Newsletter",
        "Keeps in touch with useful news and tips, in the inbox of people not ready yet or already customers.",
        stages="favorability, retention",
        channels="email",
        keywords="not yet, not ready, next year, newsletter, news, what's new, new season, new range, keep me posted, "
        "in touch",
    ),
    _format(
        "comparison-guide",
        "Comparison guide",
        "Compares the options (approaches, products or providers) honestly on what this customer cares about.",
        stages="consideration, decision",
        channels="web, search",
        keywords="compar*, vs, versus, alternative*, competitor*, instead of, which is better, options, difference*, better",
    ),
    _format(
        "faq",
        "FAQ",
        "Answers the practical questions that would otherwise block the next step, in plain words.",
        stages="consideration, intent, decision, purchase, retention",
        channels="web, search, chat",
        catch_all=True,
        keywords="",
    ),
    _format(
        "help-article",
        "Help article",
        "Solves one problem a customer has after buying, so they fix it without waiting for someone.",
        stages="purchase, retention",
        channels="web, search, chat, mobile-app",
        keywords="error*, broken, broke, not working, does not work, doesn't work, failed, fails, stuck, why was i, why is my, charged",
    ),
    _format(
        "consultation",
        "Consultation or appointment booking",
        "Offers time with a person (an adviser, a coordinator, a fitter, a caseworker) by phone, video or face to "
        "face.",
        stages="consideration, intent, decision, purchase",
        channels="phone, in-person, chat, web",
        keywords="talk to, speak to, someone, a person, adviser*, advice, appointment*, in person, help me, fitting, test ride, in store, call with, video call, helpline, in a store, demo*",
    ),
    _format(
        "satisfaction-survey",
        "Satisfaction survey",
        "Asks how it went and shows the customer was heard, before they complain in public or leave.",
        stages="retention, advocacy",
        channels="email, sms, mobile-app, in-person, product",
        keywords="rating, satisf*, feedback, complain*, unhappy, churn*, nps, net promoter, survey*",
    ),
    _format(
        "case-study",
        "Case study",
        "A business customer in the same situation: the problem, what they did and the measured result.",
        stages="consideration, decision",
        audience="businesses",
        channels="web, email, events",
        keywords="other compan*, companies like, companies of our size, firms like, businesses like, like ours, "
        "like us, results, proof, evidence, of our size",
    ),
    _format(
        "appointment-reminder",
        "Appointment reminder",
        "Reminds of a booked appointment (when, where, what to bring) with a way to move it.",
        stages="decision, purchase, retention",
        industries=CONSUMER_SERVICES,
        channels="sms, email, mobile-app, phone",
        keywords="appointment*, no-show*, reschedul*, move my",
    ),
    _format(
        "accessibility-info",
        "Accessibility information",
        "Says plainly what access there is: step-free routes, hearing loops, accessible rooms, other formats.",
        stages="consideration, decision, purchase",
        industries=CONSUMER_SERVICES,
        audience="consumers",
        channels="web, phone, post",
        keywords="step-free, wheelchair, accessib*, disab*, hearing loop, large print, pram, ramp",
    ),
    # --- businesses that sell ---------------------------------------------------------------------------------------
    _format(
        "reviews",
        "Customer reviews",
        "Independent ratings and reviews where buyers look for them, which they trust more than the seller.",
        stages="consideration, decision",
        industries=SELLERS,
        channels="web, word-of-mouth",
        keywords="review*, ratings, stars, honest opinion*, verified",
    ),
    _format(
        "testimonial",
        "Testimonials",
        "Short quotes from customers like them, placed where the decision is made.",
        stages="decision",
        industries=SELLERS,
        channels="web, email, advertising",
        keywords="trust you, testimonial*, quote*, reassur*",
    ),
    _format(
        "review-request",
        "Review request",
        "Asks happy customers for a review at their best moment, where future customers read reviews.",
        stages="advocacy",
        industries=SELLERS,
        channels="email, sms, mobile-app, in-person, product",
        staple_in="advocacy",
        keywords="review*, rating, stars, tripadvisor, leave a",
    ),
    _format(
        "referral-programme",
        "Referral programme",
        "Makes recommending easy and rewarding for both sides.",
        stages="advocacy",
        industries=SELLERS,
        channels="email, mobile-app, web, product, word-of-mouth",
        keywords="refer*, recommend*, friend*, colleague*, reward*, bonus*",
    ),
    _format(
        "retargeting-ad",
        "Retargeting ad",
        "Reminds people who showed interest, with the answer to whatever held them back.",
        stages="consideration, intent",
        industries=SELLERS,
        channels="advertising, social",
        recovers_drop_off=True,
        keywords="retarget*, who viewed, viewed, looked at, again, bring back, come back to",
    ),
    _format(
        "marketplace-listing",
        "Marketplace, OTA or comparison-site listing",
        "Keeps the listing accurate and complete on the sites where people compare: travel agencies, comparison "
        "sites, marketplaces.",
        stages="consideration, decision, purchase",
        industries=SELLERS,
        channels="partner",
        content_of_touchpoint=True,
        keywords="listing*, booking.com, expedia, marketplace*, comparison site*, travel agenc*",
    ),
    _format(
        "loyalty-programme",
        "Loyalty programme",
        "Explains and rewards staying and coming back: tiers, points, member benefits.",
        stages="retention",
        industries=(RETAIL, HOSPITALITY, FINANCE),
        channels="mobile-app, email, web",
        keywords="points, status, tier*, gold, silver, loyal*, member benefit*, earn",
    ),
    _format(
        "loyalty-offer",
        "Member offer",
        "A personal reason to come back (early access, a member rate, a perk), timed to when they usually buy or "
        "travel.",
        stages="retention",
        industries=(RETAIL, HOSPITALITY),
        audience="consumers",
        channels="email, mobile-app",
        keywords="early access, member rate*, member price*, perk*, come back, book again, anniversar*",
    ),
    _format(
        "community",
        "Customer community",
        "Gives customers a place to meet, help each other and be recognised: a forum, a club, meet-ups.",
        stages="retention, advocacy",
        industries=(SOFTWARE, RETAIL),
        channels="social, events, web, in-person",
        keywords="group run*, club, meet-up*, meetup*, forum*, community, together, other users",
    ),
    _format(
        "case-study-invitation",
        "Case-study invitation",
        "Invites the most successful business customers to tell their story, which becomes consideration content.",
        stages="advocacy",
        industries=(SOFTWARE, FINANCE),
        audience="businesses",
        channels="email, phone, events",
        keywords="their story, tell their, case stud*, showcase, success stor*, feature them",
    ),
    _format(
        "webinar",
        "Webinar",
        "A live session that shows how it works and takes the audience's own questions.",
        stages="favorability, consideration, retention",
        industries=(SOFTWARE, FINANCE),
        channels="events, web",
        keywords="live session*, live demo*, webinar*, walk-through, walkthrough, new features",
    ),
    _format(
        "event-talk",
        "Talk at an industry or local business event",
        "Puts an expert in front of business people at the events they already attend, teaching rather than selling.",
        stages="awareness, favorability",
        industries=(SOFTWARE, FINANCE),
        audience="businesses",
        channels="events",
        every_question_in="awareness",
        keywords="conference*, trade show*, breakfast, chamber of commerce, meetup*, talk at",
    ),
    _format(
        "ebook",
        "E-book or downloadable guide",
        "An in-depth guide worth keeping: a first-time buyer's guide, a buyer's guide to a category.",
        stages="awareness, favorability, consideration",
        industries=(SOFTWARE, FINANCE),
        channels="web, email",
        keywords="first-time, first time, first flat, first home, what is an, in-depth, guide to, step by step",
    ),
    _format(
        "onboarding-email",
        "Onboarding email series",
        "Walks a new customer (or someone trying it out) to their first success, one step per email.",
        stages="decision, purchase, retention",
        industries=(SOFTWARE, FINANCE),
        channels="email, product, mobile-app",
        keywords="activat*, first week, welcome, onboarding, first success",
    ),
    _format(
        "tutorial",
        "Tutorial",
        "Teaches the next useful thing to do with an app or a tool, so customers get more from it.",
        stages="purchase, retention",
        industries=(SOFTWARE, FINANCE),
        channels="web, product, mobile-app",
        keywords="how do i, alert*, notification*, feature*, recurring, shortcut*",
    ),
    _format(
        "guarantee",
        "Guarantee page",
        "Says what happens, and who pays, if it goes wrong: a switching guarantee, cancellation and data export.",
        stages="decision",
        industries=(SOFTWARE, FINANCE),
        channels="web, chat",
        keywords="what if, guarantee*, missed, refund*, compensat*, go wrong, goes wrong, who pays, lock-in, "
        "locked in, data export",
    ),
    _format(
        "switching-guide",
        "Switching guide",
        "Shows how moving from the current provider works, step by step, and what moves automatically.",
        stages="consideration, decision, purchase",
        industries=(SOFTWARE, FINANCE),
        channels="web, search, email",
        keywords="switch*, move over, bring over, direct debit*, move automatically, spreadsheet*, migrat*",
    ),
    _format(
        "renewal-reminder",
        "Renewal or due-date reminder",
        "Tells the customer ahead of time that something ends or falls due (a fixed rate, a permit, a subscription) "
        "and what to do.",
        stages="retention",
        industries=(SOFTWARE, RETAIL, FINANCE, PUBLIC),
        channels="email, sms, mobile-app, post, product",
        keywords="renew*, ends, ending, expir*, reconfirm*, deadline*, due, on time, reminder*",
    ),
    # --- software only ------------------------------------------------------------------------------------------------
    _format(
        "free-trial",
        "Free trial or pilot",
        "Lets a business try the software on its own data or machines, which settles doubts no page can.",
        stages="decision",
        industries=(SOFTWARE,),
        audience="businesses",
        channels="product, web",
        keywords="pilot*, try it, trial*, proof of concept",
    ),
    _format(
        "roi-calculator",
        "ROI calculator",
        "Turns the buyer's own figures into the money and time the software saves, for whoever signs off.",
        stages="consideration, decision",
        industries=(SOFTWARE,),
        audience="businesses",
        channels="web, email",
        keywords="roi, return on, justify, justif*, payback, business case, worth it, is it worth, sign off",
    ),
    _format(
        "pricing-page",
        "Pricing page",
        "Shows the full price of each software plan and what it includes, so cost is never the open question.",
        stages="consideration, decision",
        industries=(SOFTWARE,),
        audience="businesses",
        channels="web, search",
        keywords="pric*, plan*, per month, a month, per seat, per user, contact us, how much, cost",
    ),
    _format(
        "procurement-pack",
        "Procurement pack",
        "Hands the buyer's procurement, legal and security teams the standard answers: security questionnaire, "
        "data processing agreement, contract terms.",
        stages="decision, purchase",
        industries=(SOFTWARE,),
        audience="businesses",
        channels="email, partner, web",
        keywords="procure*, questionnaire*, legal, dpa, data processing, security review, contract*, vendor assessment",
    ),
    _format(
        "getting-started-guide",
        "Getting-started guide",
        "Solves the first-week software problems (setup, import, configuration) before they become tickets.",
        stages="purchase",
        industries=(SOFTWARE,),
        audience="businesses",
        channels="web, product",
        keywords="set up, setup, configur*, install*, import*, connect*",
    ),
    _format(
        "partner-kit",
        "Partner kit",
        "Gives the resellers, integrators and accountants who recommend software something to hand over.",
        stages="awareness, consideration",
        industries=(SOFTWARE,),
        audience="businesses",
        channels="partner, email",
        content_of_touchpoint=True,
        keywords="accountant*, reseller*, integrator*, consultant*, partner network",
    ),
    _format(
        "integration-docs",
        "Integration and API documentation",
        "Shows technical evaluators how the software connects to the systems they already run.",
        stages="consideration, decision, purchase, retention",
        industries=(SOFTWARE,),
        audience="businesses",
        channels="web, product",
        keywords="integrat*, api, siem, sso, single sign-on, webhook*, connector*",
    ),
    _format(
        "trust-centre",
        "Trust centre",
        "Certifications, data location, sub-processors and security practices on one public page.",
        stages="consideration, decision",
        industries=(SOFTWARE,),
        audience="businesses",
        channels="web",
        keywords="soc 2, iso 27001, certif*, data stored, where is our data, data location, gdpr, sub-processor*, "
        "penetration test*, pen test*",
    ),
    # --- retail and e-commerce ------------------------------------------------------------------------------------
    _format(
        "buying-checklist",
        "Buying checklist",
        "Lists what to check before buying, so the customer feels ready rather than rushed.",
        stages="intent, decision",
        industries=(RETAIL, SOFTWARE),
        channels="web, email",
        keywords="check before, what should i check, what to look for, checklist, before buying, before i buy",
    ),
    _format(
        "size-guide",
        "Size and fit guide",
        "Tells each customer which size to order, from their measurements and what people like them chose.",
        stages="consideration, decision",
        industries=(RETAIL,),
        audience="consumers",
        channels="web, mobile-app",
        keywords="size*, sizing, still fit, fits, size up, measure*, grow out, grow into",
    ),
    _format(
        "product-comparison",
        "Product comparison",
        "Puts the shop's own models side by side on the few things that decide between them.",
        stages="consideration, decision",
        industries=(RETAIL,),
        channels="web, mobile-app",
        keywords="which of your, compar*, difference between, models, premium",
    ),
    _format(
        "delivery-returns",
        "Delivery and returns page",
        "Says what delivery costs and when it comes, and how returns work and what they cost, before checkout.",
        stages="consideration, decision, purchase",
        industries=(RETAIL,),
        channels="web, chat, mobile-app",
        keywords="return*, deliver*, shipping, postage, exchange*, send back",
    ),
    _format(
        "checkout-help",
        "Checkout help",
        "Shows the full price (fees, taxes, delivery) and answers payment questions on the page where people pay.",
        stages="intent, purchase",
        industries=(RETAIL, HOSPITALITY, SOFTWARE),
        channels="web, chat, mobile-app",
        recovers_drop_off=True,
        keywords="checkout*, abandon*, last step, payment*, card details, pay by, hidden fee*, booking engine",
    ),
    _format(
        "basket-reminder",
        "Abandoned basket email",
        "Brings back people who left a basket or a booking, with the information that was missing.",
        stages="intent, purchase",
        industries=(RETAIL, HOSPITALITY),
        channels="email, mobile-app",
        recovers_drop_off=True,
        keywords="abandon*, basket*, cart*, left without",
    ),
    _format(
        "back-in-stock-email",
        "Back-in-stock alert",
        "Tells people who asked the moment their size or model is available again.",
        stages="intent",
        industries=(RETAIL,),
        channels="email, mobile-app, sms",
        keywords="back in stock, out of stock, sold out, restock*, come back in",
    ),
    _format(
        "order-confirmation",
        "Order confirmation",
        "Confirms what was bought and exactly what happens next.",
        stages="purchase",
        industries=(RETAIL, HOSPITALITY),
        channels="email, mobile-app, sms",
        staple_in="purchase",
        keywords="confirm*, receipt*, order details, what happens next",
    ),
    _format(
        "delivery-updates",
        "Delivery updates",
        "Tells when the order will arrive, with a time window and a way to change it.",
        stages="purchase",
        industries=(RETAIL,),
        channels="sms, email, mobile-app",
        staple_in="purchase",
        keywords="track*, courier*, parcel*, delivery slot*, delivery day, when will it arrive, arriv*",
    ),
    _format(
        "how-to-video",
        "How-to or unboxing video",
        "Shows how to unpack, assemble, use or look after the exact model bought.",
        stages="purchase, retention",
        industries=(RETAIL,),
        audience="consumers",
        channels="web, social, mobile-app",
        keywords="how do i, assembl*, unbox*, re-proof*, put together, show me how",
    ),
    _format(
        "care-guide",
        "Care and maintenance guide",
        "Says how to clean, store, re-proof or service the product so it lasts.",
        stages="purchase, retention",
        industries=(RETAIL,),
        audience="consumers",
        channels="web, email, mobile-app",
        keywords="wash*, clean*, re-proof*, care, look after, maintenance, maintain*, store it",
    ),
    # --- hospitality and travel -----------------------------------------------------------------------------------
    _format(
        "destination-guide",
        "Destination guide",
        "What the area offers for this kind of guest (beaches, towns, rainy days, transfers), written by locals.",
        stages="awareness, consideration",
        industries=(HOSPITALITY,),
        channels="web, search",
        keywords="area, region, beach*, town*, nearby, destination*, things to do, where to stay",
    ),
    _format(
        "virtual-tour",
        "Room or venue virtual tour",
        "Lets people see the rooms and spaces as they are, with sizes and layouts, without travelling.",
        stages="consideration, decision",
        industries=(HOSPITALITY,),
        channels="web, mobile-app",
        keywords="see the, see it, look like, layout*, photo*, tour, room size*",
    ),
    _format(
        "packages-page",
        "Packages and rates page",
        "Shows each stay package (family, spa, corporate rate) with what is included and the full price, taxes and "
        "fees.",
        stages="consideration, decision",
        industries=(HOSPITALITY,),
        channels="web, search, email",
        keywords="included, package*, price, tax*, full price, total, all-inclusive, half board",
    ),
    _format(
        "venue-brochure",
        "Weddings and events brochure",
        "Spaces, capacities, menus, packages and minimum spend for a wedding or an event, consistent everywhere.",
        stages="consideration, decision",
        industries=(HOSPITALITY,),
        channels="web, email",
        keywords="capacit*, ballroom, menu*, minimum spend*, proposal*, brochure*, meeting space, day-delegate",
    ),
    _format(
        "open-day",
        "Open day or show-round",
        "Invites couples or planners to see the venue, taste the menu and meet the coordinator.",
        stages="consideration, decision",
        industries=(HOSPITALITY,),
        channels="events, in-person",
        keywords="open day*, show-round*, tasting, visit the venue",
    ),
    _format(
        "itinerary",
        "Sample itinerary",
        "A day-by-day plan for the stay: a week with small children, a wedding weekend, two days of meetings.",
        stages="consideration, purchase",
        industries=(HOSPITALITY,),
        channels="web, email, mobile-app",
        keywords="itinerar*, day by day, programme, schedule",
    ),
    _format(
        "cancellation-policy",
        "Booking and cancellation terms",
        "Deposits, payment dates, cancellation and attrition terms in plain words, before anyone signs or pays.",
        stages="decision, purchase",
        industries=(HOSPITALITY,),
        channels="web, email, chat",
        keywords="deposit*, cancel*, cancellation, attrition, sign, terms, refund*",
    ),
    _format(
        "pre-arrival-email",
        "Pre-arrival email",
        "Before the stay: what to bring, and what to book ahead (kids' club, spa, transfers, mobile check-in).",
        stages="purchase",
        industries=(HOSPITALITY,),
        channels="email, sms, mobile-app",
        keywords="before arrival, before we arrive, before you arrive, pre-arrival, check-in, check in, transfer*, "
        "book ahead",
    ),
    _format(
        "in-stay-guide",
        "In-stay guide",
        "Everything a guest needs during the stay (times, services, activities, wifi, who to call), on the phone "
        "and in the room.",
        stages="purchase",
        industries=(HOSPITALITY,),
        channels="mobile-app, in-person, web",
        keywords="during the stay, what can we do, rain*, timetable, opening hours, wifi, activit*, queue*",
    ),
    _format(
        "upgrade-offer",
        "Upgrade and add-on offer",
        "Offers the upgrade or the extra that makes the stay (a spa treatment, a room, a dinner, a transfer) at the "
        "right moment.",
        stages="purchase",
        industries=(HOSPITALITY,),
        channels="email, mobile-app, in-person",
        keywords="upgrade*, add-on*, extras, treatment*, spa",
    ),
    # --- financial services -------------------------------------------------------------------------------------
    _format(
        "rate-comparison-table",
        "Rate and fee comparison table",
        "Rates, fees and limits of the products side by side, with the total cost in money, not only percentages.",
        stages="consideration, decision",
        industries=(FINANCE,),
        channels="web, search",
        keywords="rate*, fee*, charge*, overdraft limit*, apr, interest, on top of, per transaction",
    ),
    _format(
        "loan-calculator",
        "Mortgage or loan calculator",
        "Turns an amount, a term and a rate into what they can borrow and what they will pay each month.",
        stages="awareness, consideration, decision, retention",
        industries=(FINANCE,),
        channels="web, mobile-app",
        keywords="deposit*, how much can i borrow, borrow*, monthly payment*, each month, repayment*, afford",
    ),
    _format(
        "eligibility-checker",
        "Eligibility checker",
        "Tells people, in a few questions and without harming anything, whether they are likely to qualify.",
        stages="consideration, intent, decision",
        industries=(FINANCE, PUBLIC),
        channels="web, mobile-app",
        keywords="eligibility checker, eligibility calculator, checker, calculator, credit file, credit score, soft search, how much would",
    ),
    _format(
        "security-advice",
        "Security and fraud advice",
        "How to spot a scam, what the real organisation never asks for, and what to do at once if it happened.",
        stages="consideration, purchase, retention",
        industries=(FINANCE, PUBLIC),
        channels="web, email, sms, mobile-app, in-person, post",
        keywords="fraud*, scam*, phishing, suspicious, do not recognise, don't recognise, is it from you, is this from you, genuine",
    ),
    _format(
        "onboarding-checklist",
        "New-customer checklist",
        "The first things to do after opening an account (card, app, PIN, switching payments), ticked off one by one.",
        stages="purchase",
        industries=(FINANCE,),
        channels="mobile-app, email, web",
        keywords="activat*, first things, account opening, app activated, pin, new card",
    ),
    _format(
        "documents-checklist",
        "Documents checklist",
        "Exactly which documents an application needs, in which form, before anyone starts it.",
        stages="consideration, intent, decision, purchase",
        industries=(FINANCE, PUBLIC),
        channels="web, email, post, mobile-app",
        keywords="document*, proof, payslip*, paperwork",
    ),
    _format(
        "application-reminder",
        "Unfinished application reminder",
        "Reminds people who started an application how to finish it, with what they still need.",
        stages="intent, purchase",
        industries=(FINANCE, PUBLIC),
        channels="email, sms, mobile-app",
        recovers_drop_off=True,
        keywords="unfinished, incomplete, started an application, finish later",
    ),
    _format(
        "status-updates",
        "Status updates",
        "Says where an application, a claim or a dispute stands and what happens next, before the customer has to ask.",
        stages="purchase, retention",
        industries=(FINANCE, PUBLIC),
        channels="sms, email, mobile-app, web, post",
        keywords="where is my, status, in progress, an update, when will i hear, how long until, chasing, chase*, "
        "when will the",
    ),
    _format(
        "intermediary-toolkit",
        "Intermediary toolkit",
        "Gives the people who advise customers (brokers, charities, GPs, nurseries) the facts and forms to pass on.",
        stages="awareness, consideration, decision",
        industries=(FINANCE, PUBLIC),
        channels="partner, email",
        content_of_touchpoint=True,
        keywords="broker*, intermediar*, charit*, gp, pharmac*, nurser*",
    ),
    _format(
        "decision-letter",
        "Plain-language decision letter",
        "Says what was decided and why, what happens next and how to challenge it, in words anyone understands.",
        stages="purchase, retention",
        industries=(FINANCE, PUBLIC),
        channels="post, email, web",
        keywords="appeal*, letter*, outcome*, decided",
    ),
    _format(
        "application-guide",
        "Step-by-step application guide",
        "Every step of applying, how long each takes and what happens after, so nobody gives up halfway.",
        stages="consideration, purchase",
        industries=(PUBLIC, FINANCE),
        channels="web, search, post, in-person",
        keywords="how long does it take, how long, steps, step by step, form, apply, application form, register*",
    ),
    # --- public services ------------------------------------------------------------------------------------------
    _format(
        "eligibility-guide",
        "Eligibility guide",
        "Who can get the service or benefit and who cannot, with examples of real situations, in plain language.",
        stages="awareness, consideration",
        industries=(PUBLIC,),
        channels="web, search, post, in-person",
        keywords="eligib*, entitled, qualify, can i get, affect my, stop me",
    ),
    _format(
        "awareness-campaign",
        "Information campaign",
        "Tells the people who may be entitled that a service or benefit exists, where they already are.",
        stages="awareness",
        industries=(PUBLIC,),
        channels="post, advertising, social, partner, in-person",
        keywords="take-up, unclaimed, entitled, claim*",
    ),
    _format(
        "service-alert",
        "Service alert",
        "Warns of changes to a service (collection days, closures, disruption) before people are affected.",
        stages="retention",
        industries=(PUBLIC,),
        channels="sms, email, mobile-app, social, web",
        keywords="change over, changes, closure*, closed, disruption*, collection*, bank holiday*, holiday*, christmas",
    ),
    _format(
        "translated-info",
        "Translated and easy-read information",
        "The key pages and forms in the languages residents speak, and in easy read.",
        stages="consideration, purchase",
        industries=(PUBLIC,),
        audience="consumers",
        channels="web, post, in-person",
        keywords="translat*, language*, in english, easy read, interpreter*",
    ),
)
"""Every built-in format, in the order a marketer would usually start with."""


def _wording(**formats: tuple[str | None, str | None]) -> dict[str, FormatWording]:
    return {
        format_id.replace("_", "-"): FormatWording(name=name, purpose=purpose)
        for format_id, (name, purpose) in formats.items()
    }


BUILTIN_INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        id=SOFTWARE,
        name="Software",
        description="Software and IT services: SaaS, security, IT tools. With `model: b2b`, B2B software.",
        wording=_wording(
            onboarding_email=(None, "Walks a new customer or a trial user to their first success, one step per email."),
            help_article=("Help-centre article", None),
        ),
    ),
    Industry(
        id=RETAIL,
        name="Retail and e-commerce",
        description="Shops selling goods online and in stores, to consumers and to business accounts.",
        wording=_wording(
            consultation=(
                "Fitting or expert appointment",
                "Books time with an expert in store, on a call or on "
                "video: a fitting, a test ride, advice on the right model.",
            ),
            faq=(
                None,
                "Answers the practical questions (sizes, delivery, payment, team orders) that would otherwise "
                "stop the order.",
            ),
        ),
    ),
    Industry(
        id=HOSPITALITY,
        name="Hospitality and travel",
        description="Hotels, resorts, venues and travel: leisure guests, weddings, business travellers, events.",
        wording=_wording(
            order_confirmation=(
                "Booking confirmation",
                "Confirms what was booked (rooms, dates, extras, the full price) and exactly what happens next.",
            ),
            checkout_help=(
                "Booking engine help",
                "Shows the full price (taxes, fees, extras) and answers payment "
                "questions in the booking engine, where guests pay.",
            ),
            basket_reminder=(
                "Abandoned booking email",
                "Brings back guests who left a booking unfinished, with the answer that was missing.",
            ),
            consultation=(
                "Call with a coordinator",
                "Time with the reservations, wedding or events team by phone, "
                "on video or at the hotel, to settle what a page cannot.",
            ),
            reviews=("Guest reviews", "Recent guest reviews and ratings where travellers look for them."),
            review_request=(
                None,
                "Asks guests for a review the day after check-out, where future guests read reviews.",
            ),
            faq=(
                None,
                "Answers the practical questions (what is included, taxes, children, times) that would "
                "otherwise stop the booking.",
            ),
            help_article=(
                "Guest help article",
                "Answers one problem during or after the stay (the mobile key, the "
                "invoice, points) so guests do not queue at the desk.",
            ),
        ),
    ),
    Industry(
        id=FINANCE,
        name="Financial services",
        description="Banks, lenders and insurers, for personal and business customers.",
        wording=_wording(
            consultation=(
                "Appointment with an adviser",
                "Time with an adviser by phone, on video or in a branch, "
                "for the questions that depend on the customer's own situation.",
            ),
            onboarding_email=(
                "Welcome emails",
                "Walks a new customer through the first weeks (card, app, payments), one step per email.",
            ),
            tutorial=("App guide", "Shows how to do the next useful thing in the app: alerts, payments, limits."),
            faq=(
                None,
                "Answers the practical questions (fees, timings, what happens if) that would otherwise stop "
                "an application.",
            ),
            guarantee=(
                "Guarantee page",
                "Says who pays if something goes wrong: the switching guarantee, refunds, fraud protection.",
            ),
        ),
    ),
    Industry(
        id=PUBLIC,
        name="Public services",
        description="Government bodies and councils serving residents and businesses.",
        wording=_wording(
            consultation=(
                "Appointment or callback",
                "Time with a caseworker by phone or at a service centre, to "
                "check one person's case or fill in a form together.",
            ),
            faq=("Common questions", "Answers the questions residents ask most, in plain words, before they call."),
            satisfaction_survey=("Service feedback", "Asks how the service went and shows residents were heard."),
            renewal_reminder=(
                "Renewal or deadline reminder",
                "Tells people ahead of time that something ends or "
                "falls due (a permit, a badge, a reconfirmation) and what to do.",
            ),
            status_updates=(
                "Application status updates",
                "Says where an application or a claim stands and what happens next, before people have to ask.",
            ),
        ),
    ),
)
"""The industries every site knows, each a preset: its formats name it, and its wording renames shared ones."""


def format_registry(catalog: Catalog) -> dict[str, ContentFormat]:
    """Every known format by id: what `include:` and an asset's `format` can name.

    Built-in formats first, redefined by the team's library (`formats:`, then `library:` in `content.yml`); formats
    that only a stage or a journey defines come after, first definition wins (stages in customer order, then
    journeys by id).
    """
    registry: dict[str, ContentFormat] = {f.id: f for f in BUILTIN_FORMATS}
    for content_format in catalog.formats:
        registry[content_format.id] = content_format
    for changes in catalog.library.values():
        for content_format in changes.formats:
            registry[content_format.id] = content_format
    for content_format in _local_definitions(catalog):
        registry.setdefault(content_format.id, content_format)
    return registry


def industry_registry(catalog: Catalog) -> dict[str, Industry]:
    """Every known industry by id: the built-in presets, and those the team adds (which may replace one)."""
    industries = {industry.id: industry for industry in BUILTIN_INDUSTRIES}
    industries.update({industry.id: industry for industry in catalog.industries})
    return industries


def _local_definitions(catalog: Catalog) -> Iterable[ContentFormat]:
    for stage in catalog.stages.values():
        if stage.content_formats:
            yield from stage.content_formats.formats
    for journey_id in sorted(catalog.journeys):
        for step in catalog.journeys[journey_id].stages:
            if step.content and step.content.formats:
                yield from step.content.formats.formats
