#include "SendTestSmsDialog.h"

#include "core/actions/PlivoIntegration.h"
#include "core/delivery/SmsGateway.h"
#include "core/delivery/SmsSend.h"
#include "core/phone/PhoneNumber.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SendTestSmsDialog::SendTestSmsDialog(SmsGateway &gateway, const Integration &integration, QWidget *parent)
    : QDialog(parent)
    , m_gateway(gateway)
    , m_integration(integration)
    , m_to(new QLineEdit(this))
    , m_toError(Form::error(QStringLiteral("toError"), this))
    , m_send(Form::button(tr("Send"), QStringLiteral("primary"), QStringLiteral("sendButton"), this))
    , m_uuid(new QLabel(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("sendTestSmsDialog"));
    setWindowTitle(tr("Send test SMS"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 18);
    layout->setSpacing(8);
    layout->addWidget(Form::pageHeader(
        tr("Send test SMS"),
        integration.useSandbox
            ? tr("Through %1, to the local test phone.").arg(integration.name)
            : tr("Through %1, from %2.")
                  .arg(integration.name, integration.configuration.value(PlivoIntegration::Number)),
        this));
    m_to->setObjectName(QStringLiteral("recipientEdit"));
    m_to->setPlaceholderText(QStringLiteral("+15554443232"));
    layout->addWidget(Form::label(tr("&Send to"), m_to, this));
    auto *row = new QHBoxLayout;
    row->addWidget(m_to, 1);
    row->addWidget(m_send);
    layout->addLayout(row);
    layout->addWidget(m_toError);
    layout->addWidget(Form::hint(tr("A phone number with its country code. The message reads “This is a test "
                                    "message from Authdeck.”"),
                                 this));
    m_uuid->setObjectName(QStringLiteral("messageUuid"));
    m_uuid->setProperty("role", QStringLiteral("muted"));
    m_uuid->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("deliveryStatus"));
    m_status->setWordWrap(true);
    layout->addSpacing(6);
    layout->addWidget(m_status);
    layout->addWidget(m_uuid);
    layout->addStretch(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    ConfirmationBox::useFlatButtons(buttons);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &SendTestSmsDialog::send);
    connect(m_to, &QLineEdit::returnPressed, this, &SendTestSmsDialog::send);
    Form::fitDialog(this, 480);
}

void SendTestSmsDialog::showStatus(const QString &text, const QString &role)
{
    m_status->setText(text);
    m_status->setProperty("role", role);
    Form::repolish(m_status);
}

void SendTestSmsDialog::send()
{
    const auto to = PhoneNumber::toE164(m_to->text());
    Form::setError(m_toError, m_to, to ? QString() : to.error().message());
    if (!to)
        return;
    m_to->setText(to.value());
    m_send->setEnabled(false);
    m_uuid->clear();
    showStatus(tr("Sending…"), QStringLiteral("muted"));

    SmsSend *sms = m_gateway.send(m_integration,
                                  to.value(),
                                  tr("This is a test message from Authdeck."),
                                  QStringLiteral("integration-test"));
    connect(sms, &SmsSend::accepted, this, [this](const QString &uuid) {
        m_uuid->setText(tr("Plivo message UUID: %1").arg(uuid));
        showStatus(tr("Accepted by Plivo: queued."), QStringLiteral("muted"));
    });
    connect(sms, &SmsSend::stateChanged, this, [this](const PlivoMessage &message) {
        const bool bad
            = message.state == QLatin1String("failed") || message.state == QLatin1String("undelivered");
        showStatus(bad ? tr("Delivery state: %1 (%2)").arg(message.state, message.errorMeaning())
                       : tr("Delivery state: %1").arg(message.state),
                   bad                                               ? QStringLiteral("error")
                       : message.state == QLatin1String("delivered") ? QStringLiteral("success")
                                                                     : QStringLiteral("muted"));
    });
    connect(sms, &SmsSend::failed, this, [this](const QString &error) {
        showStatus(tr("Not sent: %1").arg(error), QStringLiteral("error"));
    });
    connect(sms, &SmsSend::finished, this, [this](SmsSend *, bool timedOut) {
        m_send->setEnabled(true);
        if (timedOut)
            showStatus(m_status->text() + QLatin1Char(' ') + tr("(no final state reported yet)"),
                       QStringLiteral("muted"));
    });
}
