#include "TenantSettingsPage.h"

#include "core/login/UserStore.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/UnsavedChanges.h"
#include "ui/settings/LoginServerCard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

TenantSettingsPage::TenantSettingsPage(TenantSettings &settings,
                                       UserStore &users,
                                       LoginServer &server,
                                       QWidget *parent)
    : Page(parent)
    , m_settings(settings)
    , m_users(users)
    , m_message(new MessageBar(this))
    , m_name(new QLineEdit(this))
    , m_nameError(Form::error(QStringLiteral("friendlyNameError"), this))
    , m_domain(new QLineEdit(this))
    , m_domainError(Form::error(QStringLiteral("domainError"), this))
    , m_environment(new QComboBox(this))
    , m_retention(new QSpinBox(this))
    , m_retentionError(Form::error(QStringLiteral("logRetentionError"), this))
    , m_signUps(new QCheckBox(tr("Allow sign-ups"), this))
    , m_save(Form::button(tr("Save"), QStringLiteral("primary"), QStringLiteral("saveSettingsButton"), this))
{
    m_name->setObjectName(QStringLiteral("friendlyNameEdit"));
    m_domain->setObjectName(QStringLiteral("domainEdit"));
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    for (const QString &environment : TenantSettings::environments())
        m_environment->addItem(TenantSettings::environmentLabel(environment), environment);
    m_retention->setObjectName(QStringLiteral("logRetentionSpin"));
    m_retention->setRange(1, TenantSettings::MaxLogRetentionDays);
    m_retention->setSuffix(tr(" days"));
    m_retention->setMaximumWidth(160);
    m_signUps->setObjectName(QStringLiteral("signUpsCheck"));

    QWidget *content = Form::scrollingContent(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);
    layout->addWidget(Form::pageHeader(tr("Tenant Settings"),
                                       tr("How this tenant names itself, where its login server answers, "
                                          "who may sign up and how long its logs are kept.")));
    layout->addWidget(m_message);
    layout->addWidget(buildGeneralCard());
    layout->addWidget(new LoginServerCard(server, settings, content));
    layout->addWidget(buildSignUpsCard());
    layout->addStretch(1);

    connect(m_name, &QLineEdit::textChanged, this, &TenantSettingsPage::updateState);
    connect(m_domain, &QLineEdit::textChanged, this, &TenantSettingsPage::updateState);
    connect(m_environment, &QComboBox::currentIndexChanged, this, &TenantSettingsPage::updateState);
    connect(m_retention, &QSpinBox::valueChanged, this, &TenantSettingsPage::updateState);
    connect(m_save, &QPushButton::clicked, this, &TenantSettingsPage::save);
    connect(m_signUps, &QCheckBox::toggled, this, &TenantSettingsPage::setSignUps);
    connect(&settings, &TenantSettings::changed, this, [this] {
        if (!m_save->isEnabled())
            load();
    });
    connect(&users, &UserStore::signUpsEnabledChanged, this, [this](bool enabled) {
        const QSignalBlocker blocker(m_signUps);
        m_signUps->setChecked(enabled);
    });
    load();
}

QFrame *TenantSettingsPage::buildGeneralCard()
{
    QFrame *card = Form::card(this);
    card->setMaximumWidth(720);
    auto *form = new QVBoxLayout(card);
    form->setContentsMargins(24, 20, 24, 22);
    form->setSpacing(6);
    form->addWidget(Form::label(tr("&Friendly Name"), m_name, card));
    form->addWidget(m_name);
    form->addWidget(m_nameError);
    form->addWidget(Form::hint(tr("Shown to users on the login pages and in the {{tenant.friendly_name}} "
                                  "template variable."),
                               card));
    form->addSpacing(10);
    form->addWidget(Form::label(tr("&Domain"), m_domain, card));
    form->addWidget(m_domain);
    form->addWidget(m_domainError);
    form->addWidget(Form::hint(tr("The base URL of the tenant's own login server, as apps put it in "
                                  "auth_config.json."),
                               card));
    form->addSpacing(10);
    form->addWidget(Form::label(tr("&Environment"), m_environment, card));
    form->addWidget(m_environment);
    form->addWidget(Form::hint(tr("A tag that reminds you which tenant this is."), card));
    form->addSpacing(10);
    form->addWidget(Form::label(tr("&Keep log events for"), m_retention, card));
    form->addWidget(m_retention);
    form->addWidget(m_retentionError);
    form->addWidget(
        Form::hint(tr("Older events are deleted from Monitoring > Logs the next time the logs are read or "
                      "written, then at most hourly."),
                   card));
    form->addSpacing(12);
    form->addWidget(m_save, 0, Qt::AlignRight);
    return card;
}

QFrame *TenantSettingsPage::buildSignUpsCard()
{
    QFrame *card = Form::card(this);
    card->setMaximumWidth(720);
    auto *form = new QVBoxLayout(card);
    form->setContentsMargins(24, 20, 24, 22);
    form->setSpacing(6);
    form->addWidget(Form::section(tr("Sign-ups"), card));
    form->addWidget(m_signUps);
    form->addWidget(Form::hint(tr("When on, the login page has a Sign up link and anyone can create an "
                                  "account with an email and a password. When off, only the users you "
                                  "create under User Management > Users can log in. Applies at once."),
                               card));
    return card;
}

void TenantSettingsPage::open(const QString &)
{
    m_message->clear();
    load();
}

void TenantSettingsPage::load()
{
    const TenantSettings::Values &values = m_settings.values();
    m_name->setText(values.friendlyName);
    m_domain->setText(values.domain);
    m_environment->setCurrentIndex(m_environment->findData(values.environment));
    m_retention->setValue(values.logRetentionDays);
    {
        const QSignalBlocker blocker(m_signUps);
        m_signUps->setChecked(m_users.signUpsEnabled());
    }
    updateState();
}

TenantSettings::Values TenantSettingsPage::typed() const
{
    TenantSettings::Values values {m_name->text(), m_domain->text(), m_environment->currentData().toString()};
    values.logRetentionDays = m_retention->value();
    return values;
}

void TenantSettingsPage::updateState()
{
    const TenantSettings::Values values = typed();
    const TenantSettings::Validation problems = TenantSettings::validate(values);
    Form::setError(m_nameError, m_name, problems.friendlyName);
    Form::setError(m_domainError, m_domain, problems.domain);
    Form::setError(m_retentionError, m_retention, problems.logRetention);
    m_save->setEnabled(!(values == m_settings.values()));
}

bool TenantSettingsPage::save()
{
    if (auto saved = m_settings.save(typed()); !saved) {
        m_message->showMessage(tr("Nothing was saved. %1").arg(saved.error().message()),
                               MessageBar::Level::Error);
        return false;
    }
    m_message->showMessage(tr("Settings saved."), MessageBar::Level::Success);
    load();
    return true;
}

void TenantSettingsPage::setSignUps(bool enabled)
{
    if (auto written = m_users.setSignUpsEnabled(enabled); !written) {
        m_message->showMessage(tr("Sign-ups were not changed. %1").arg(written.error().message()),
                               MessageBar::Level::Error);
        const QSignalBlocker blocker(m_signUps);
        m_signUps->setChecked(!enabled);
        return;
    }
    m_message->showMessage(enabled ? tr("Sign-ups are on: the login page offers Sign up.")
                                   : tr("Sign-ups are off: only users you create can log in."),
                           MessageBar::Level::Success);
}

bool TenantSettingsPage::confirmLeave()
{
    if (!m_save->isEnabled())
        return true;
    return UnsavedChanges::confirm(
        this,
        {tr("Unsaved changes"), tr("The tenant settings have changes that are not saved."), {}},
        [this] { return save(); },
        [this] { load(); });
}
