import { main, restrictNewFiles } from '@hub/kit';
import { users } from './index';

// Files this process creates (SQLite and its -wal/-shm, blobs) are private: 0600, directories 0700.
restrictNewFiles();
main(users);
