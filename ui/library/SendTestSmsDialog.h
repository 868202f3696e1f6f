#pragma once

#include "core/model/Integration.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class SmsGateway;

/**
 * @brief Send test SMS: sends a message through an installed integration to a number typed in, then
 *        shows Plivo's message UUID and its delivery state as it changes, or the exact error.
 */
class SendTestSmsDialog : public QDialog
{
    Q_OBJECT

public:
    SendTestSmsDialog(SmsGateway &gateway, const Integration &integration, QWidget *parent = nullptr);

private:
    void send();
    void showStatus(const QString &text, const QString &role);

    SmsGateway &m_gateway;
    Integration m_integration;
    QLineEdit *m_to;
    QLabel *m_toError;
    QPushButton *m_send;
    QLabel *m_uuid;
    QLabel *m_status;
};
