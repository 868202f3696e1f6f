#include "UnsavedChanges.h"

#include "ui/common/ConfirmationBox.h"

namespace UnsavedChanges {

bool confirm(QWidget *parent,
             const Question &question,
             const std::function<bool()> &keep,
             const std::function<void()> &drop)
{
    const QMessageBox::StandardButton keepButton = question.apply ? QMessageBox::Apply : QMessageBox::Save;
    ConfirmationBox box(ConfirmationBox::Tone::Question, question.title, question.text, parent);
    box.setStandardButtons(keepButton | QMessageBox::Discard | QMessageBox::Cancel);
    box.setObjectName(question.objectName);
    box.setInformativeText(question.informative);
    box.setDefaultButton(keepButton);
    const int answer = box.exec();
    if (answer == keepButton)
        return keep();
    if (answer == QMessageBox::Discard) {
        drop();
        return true;
    }
    return false;
}

} // namespace UnsavedChanges
