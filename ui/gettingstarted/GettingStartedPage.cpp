#include "GettingStartedPage.h"

#include "core/actions/PlivoIntegration.h"
#include "core/applications/ApplicationService.h"
#include "core/tenant/SetupChecklist.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/shell/Theme.h"
#include "ui/trylogin/TryLoginWindow.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

GettingStartedPage::GettingStartedPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_checklist(new SetupChecklist(tenant, this))
    , m_steps(new QVBoxLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(20);
    layout->addWidget(Form::pageHeader(
        tr("Getting Started"),
        tr("Turn on SMS multi-factor login with Plivo, step by step. Each step reads your tenant as it is "
           "now.")));
    m_steps->setSpacing(10);
    layout->addLayout(m_steps);
    layout->addStretch(1);

    connect(m_checklist, &SetupChecklist::changed, this, [this] {
        m_stale = true;
        if (isVisible())
            rebuild();
    });
    connect(&Theme::instance(), &Theme::changed, this, &GettingStartedPage::rebuild);
}

void GettingStartedPage::open(const QString &)
{
    if (m_stale)
        rebuild();
}

void GettingStartedPage::setDemoOffered(bool offered)
{
    m_demoOffered = offered;
    m_stale = true;
    if (isVisible())
        rebuild();
}

void GettingStartedPage::rebuild()
{
    m_stale = false;
    while (QLayoutItem *item = m_steps->takeAt(0)) {
        delete item->widget();
        delete item;
    }

    const QList<SetupChecklist::Item> items = m_checklist->items();
    const bool allDone = std::all_of(items.cbegin(), items.cend(), [](const SetupChecklist::Item &item) {
        return item.state == SetupChecklist::State::Done;
    });
    if (m_demoOffered && !allDone)
        addDemoCard();
    int number = 1;
    for (const SetupChecklist::Item &item : items) {
        QFrame *card = Form::card(this);
        card->setObjectName(QStringLiteral("step%1").arg(number));
        auto *row = new QHBoxLayout(card);
        row->setContentsMargins(16, 14, 16, 14);
        row->setSpacing(14);

        const bool done = item.state == SetupChecklist::State::Done;
        auto *mark = new QLabel(card);
        mark->setPixmap(Theme::instance()
                            .icon(done ? QStringLiteral("check-circle") : QStringLiteral("circle"),
                                  done ? QStringLiteral("success") : QStringLiteral("muted"))
                            .pixmap(22, 22));
        row->addWidget(mark, 0, Qt::AlignTop);

        auto *text = new QVBoxLayout;
        text->setSpacing(2);
        auto *title = new QLabel(tr("%1. %2").arg(number).arg(item.title), card);
        title->setProperty("role", QStringLiteral("fieldLabel"));
        auto *detail = Form::hint(item.detail, card);
        text->addWidget(title);
        text->addWidget(detail);
        row->addLayout(text, 1);

        const QString stateText = done ? tr("Done") : tr("To do");
        auto *badge = new QLabel(stateText, card);
        badge->setProperty("role", QStringLiteral("badge"));
        row->addWidget(badge, 0, Qt::AlignVCenter);
        card->setAccessibleName(tr("Step %1: %2, %3").arg(number).arg(item.title, stateText));

        if (item.step == SetupChecklist::Step::Application) {
            const bool hasApp = !item.clientId.isEmpty();
            auto *go = Form::button(done         ? tr("Open application")
                                        : hasApp ? tr("Set URLs")
                                                 : tr("Create application"),
                                    done ? QString() : QStringLiteral("primary"),
                                    QStringLiteral("stepAction1"),
                                    card);
            const QString clientId = item.clientId;
            connect(go, &QPushButton::clicked, this, [this, clientId] {
                if (clientId.isEmpty())
                    Q_EMIT navigate(Page::Id::Applications, QStringLiteral("create"));
                else
                    Q_EMIT navigate(Page::Id::Application, clientId);
            });
            row->addWidget(go, 0, Qt::AlignVCenter);
        } else if (item.step == SetupChecklist::Step::PhoneMessageFlow && !item.clientId.isEmpty()) {
            auto *go = Form::button(done ? tr("Open flow") : tr("Add to flow"),
                                    done ? QString() : QStringLiteral("primary"),
                                    QStringLiteral("stepAction3"),
                                    card);
            const QString argument = done ? QStringLiteral("send-phone-message")
                                          : QStringLiteral("send-phone-message?add=") + item.clientId;
            connect(go, &QPushButton::clicked, this, [this, argument] {
                Q_EMIT navigate(Page::Id::FlowEditor, argument);
            });
            row->addWidget(go, 0, Qt::AlignVCenter);
        } else if (item.step == SetupChecklist::Step::PhoneFactor
                   || item.step == SetupChecklist::Step::PolicyAlways) {
            const bool factor = item.step == SetupChecklist::Step::PhoneFactor;
            auto *go = Form::button(done         ? tr("Open")
                                        : factor ? tr("Turn on")
                                                 : tr("Set policy"),
                                    done ? QString() : QStringLiteral("primary"),
                                    factor ? QStringLiteral("stepAction4") : QStringLiteral("stepAction5"),
                                    card);
            if (done) // "Open" twice otherwise
                go->setAccessibleName(factor ? tr("Open Phone Message") : tr("Open MFA policy"));
            connect(go, &QPushButton::clicked, this, [this, factor] {
                Q_EMIT navigate(factor ? Page::Id::PhoneMessage : Page::Id::MultiFactor);
            });
            row->addWidget(go, 0, Qt::AlignVCenter);
        } else if (item.step == SetupChecklist::Step::PlivoIntegration) {
            auto *go = Form::button(done ? tr("Open Library") : tr("Add Plivo"),
                                    done ? QString() : QStringLiteral("primary"),
                                    QStringLiteral("stepAction2"),
                                    card);
            connect(go, &QPushButton::clicked, this, [this, done] {
                if (done)
                    Q_EMIT navigate(Page::Id::ActionsLibrary);
                else
                    Q_EMIT navigate(Page::Id::Integration, PlivoIntegration::CatalogId);
            });
            row->addWidget(go, 0, Qt::AlignVCenter);
        }
        m_steps->addWidget(card);
        ++number;
    }
    addTryCard(items);
}

void GettingStartedPage::addDemoCard()
{
    QFrame *card = Form::card(this);
    card->setObjectName(QStringLiteral("demoCard"));
    card->setProperty("tone", QStringLiteral("info"));
    auto *row = new QHBoxLayout(card);
    row->setContentsMargins(16, 12, 16, 12);
    row->setSpacing(14);
    auto *icon = new QLabel(card);
    icon->setPixmap(Theme::instance().icon(QStringLiteral("info"), QStringLiteral("accent")).pixmap(22, 22));
    row->addWidget(icon, 0, Qt::AlignTop);
    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    auto *title = new QLabel(tr("See it working first"), card);
    title->setProperty("role", QStringLiteral("fieldLabel"));
    text->addWidget(title);
    text->addWidget(
        Form::hint(tr("The demo tenant has every step below done, with codes sent to the local "
                      "test phone. It opens in a window of its own; this tenant is left as it is."),
                   card));
    row->addLayout(text, 1);
    auto *open = Form::button(tr("Open the demo tenant"), {}, QStringLiteral("openDemoButton"), card);
    connect(open, &QPushButton::clicked, this, &GettingStartedPage::demoRequested);
    row->addWidget(open, 0, Qt::AlignVCenter);
    m_steps->addWidget(card);
}

void GettingStartedPage::addTryCard(const QList<SetupChecklist::Item> &items)
{
    QStringList missing;
    QString clientId;
    for (const SetupChecklist::Item &item : items) {
        if (item.state != SetupChecklist::State::Done)
            missing << item.title;
        if (item.step == SetupChecklist::Step::Application)
            clientId = item.clientId;
    }
    QFrame *card = Form::card(this);
    card->setObjectName(QStringLiteral("tryCard"));
    card->setAccessibleName(tr("Try your login"));
    auto *row = new QHBoxLayout(card);
    row->setContentsMargins(16, 14, 16, 14);
    auto *text = new QVBoxLayout;
    auto *title = new QLabel(tr("Try your login"), card);
    title->setProperty("role", QStringLiteral("fieldLabel"));
    text->addWidget(title);
    auto *detail
        = Form::hint(missing.isEmpty() ? tr("Log in, enroll a phone and receive a code, as your users will.")
                                       : tr("Still to do: %1.").arg(missing.join(QStringLiteral("; "))),
                     card);
    detail->setObjectName(QStringLiteral("tryDetail"));
    card->setAccessibleDescription(detail->text());
    text->addWidget(detail);
    row->addLayout(text, 1);
    auto *tryIt
        = Form::button(tr("Try it out"), QStringLiteral("primary"), QStringLiteral("tryItOutButton"), card);
    tryIt->setEnabled(missing.isEmpty());
    row->addWidget(tryIt, 0, Qt::AlignVCenter);
    connect(tryIt, &QPushButton::clicked, this, [this, clientId] {
        auto app = m_tenant.applications().find(clientId);
        if (!app)
            return;
        auto *window = new TryLoginWindow(m_tenant, {clientId, app.value().name}, this->window());
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->show();
    });
    m_steps->addWidget(card);
}
