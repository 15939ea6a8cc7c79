import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';

/**
 * Picks one file to send later as a raw request body (a statement, a spreadsheet): nothing is uploaded on
 * choosing. A file over `maxBytes` is refused here, sparing a long upload the server would refuse anyway
 * (its own limit is the real one).
 */
export function FilePicker(props: { value: File | null; onChange: (file: File | null, tooLarge: boolean) => void; accept: string; maxBytes: number; label: string; testId: string }) {
  return (
    <Upload
      maxCount={1}
      accept={props.accept}
      fileList={props.value ? [{ uid: 'file', name: props.value.name, status: 'done' }] : []}
      beforeUpload={(chosen) => {
        const tooLarge = chosen.size > props.maxBytes;
        props.onChange(tooLarge ? null : chosen, tooLarge);
        return false;
      }}
      onRemove={() => props.onChange(null, false)}
    >
      <Button icon={<UploadOutlined />} data-testid={props.testId}>{props.label}</Button>
    </Upload>
  );
}
