#include "UiTestHelpers.h"

#include <QApplication>
#include <QDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRadioButton>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTest>
#include <QTimer>

ModalAnswer::ModalAnswer(const QString &objectName, Handler handler, int timeoutMs)
    : m_objectName(objectName)
    , m_handler(std::move(handler))
    , m_deadline(timeoutMs)
{
    QTimer::singleShot(0, this, &ModalAnswer::poll);
}

void ModalAnswer::poll()
{
    QWidget *modal = QApplication::activeModalWidget();
    if (!modal) {
        if (m_deadline.hasExpired()) {
            m_timedOut = true;
            m_failures.append(QStringLiteral("no modal dialog “%1” appeared").arg(m_objectName));
            return;
        }
        QTimer::singleShot(10, this, &ModalAnswer::poll);
        return;
    }
    m_answered = true;
    const QPointer<QWidget> guard(modal);
    if (!m_objectName.isEmpty() && modal->objectName() != m_objectName) {
        m_failures.append(
            QStringLiteral("expected the modal dialog “%1”, got “%2” (%3)")
                .arg(m_objectName, modal->objectName(), QLatin1String(modal->metaObject()->className())));
        UiTest::closeModal(modal);
        return;
    }
    m_handler(modal, m_failures);
    if (guard && guard->isVisible()) {
        m_failures.append(
            QStringLiteral("the modal dialog “%1” was still open after it was answered").arg(m_objectName));
        UiTest::closeModal(guard);
    }
}

namespace UiTest {

void closeModal(QWidget *modal)
{
    if (auto *dialog = qobject_cast<QDialog *>(modal))
        dialog->reject();
    else
        modal->close();
}

void retype(QWidget *edit, const QString &text)
{
    if (auto *line = qobject_cast<QLineEdit *>(edit))
        line->clear();
    else if (auto *plain = qobject_cast<QPlainTextEdit *>(edit))
        plain->clear();
    edit->setFocus();
    QTest::keyClicks(edit, text);
}

void clickToggle(QAbstractButton *button)
{
    QStyleOptionButton option;
    option.initFrom(button);
    option.text = button->text();
    const QStyle::SubElement area = qobject_cast<QRadioButton *>(button) ? QStyle::SE_RadioButtonClickRect
                                                                         : QStyle::SE_CheckBoxClickRect;
    const QPoint at = button->style()->subElementRect(area, &option, button).center();
    QTest::mouseClick(button, Qt::LeftButton, {}, at);
}

} // namespace UiTest
