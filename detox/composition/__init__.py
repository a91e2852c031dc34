"""The composition layer, beside `detox.context`: which tracker hooks run, and `detox doctor`,
which asks the tracker, the notifier chain and the settings at once. Only the CLI and the app
import it; the tracker and the services below never do."""
